// GLFW window, GL context and ImGui backends (see window.h).
#include "gui/window.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <dlfcn.h>
#include <link.h>

// glad must come before GLFW so GLFW does not pull in a system GL header.
#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace zoolab::gui {
namespace {

// GLFW reports errors through a plain function pointer; printing keeps no state.
void print_glfw_error(int code, const char* text) {
  std::fprintf(stderr, "zoolab-gui: GLFW error %d: %s\n", code, text);
}

// An X server resets itself when its last client disconnects (Xvfb under xvfb-run does), and
// refuses connections meanwhile: a window opened right after another closed can fail. So a
// failed start is retried for about a second when there is a display to wait for.
void start_glfw() {
  const char* display = std::getenv("DISPLAY");
  const int attempts = display && *display ? 20 : 1;
  glfwSetErrorCallback(nullptr);  // the retries are expected to fail quietly
  for (int i = 0; i < attempts; ++i) {
    if (glfwInit()) {
      glfwSetErrorCallback(print_glfw_error);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const char* why = nullptr;
  glfwGetError(&why);
  glfwSetErrorCallback(print_glfw_error);
  throw DisplayUnavailable(std::string("cannot open a window (") + (why ? why : "no display") +
                           "). Headless, render a picture instead: "
                           "xvfb-run -a zoolab-gui FILE.zls --until 20s --screenshot out.png");
}

// Marks every loaded shared object (by now: libGL, the GLX vendor library, the Mesa DRI
// driver) as never to be unloaded. Closing the last window would otherwise unload the driver,
// and then (a) the next window reloads it from scratch, and (b) LeakSanitizer can no longer
// name the module that made the driver's own long-lived allocations.
void pin_loaded_modules() {
  std::vector<std::string> paths;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) {
        if (info->dlpi_name && *info->dlpi_name)
          static_cast<std::vector<std::string>*>(out)->emplace_back(info->dlpi_name);
        return 0;
      },
      &paths);
  // dlopen outside the iteration: the loader's lock is held during it.
  for (const std::string& path : paths)
    dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

}  // namespace

Window::Window(const WindowOptions& options) {
  start_glfw();
  try {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
    window_ =
        glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (!window_) throw GraphicsError("cannot create an OpenGL 3.3 core window");
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(options.visible ? 1 : 0);  // vsync only where someone watches
    if (!gladLoadGL(glfwGetProcAddress)) throw GraphicsError("cannot load OpenGL functions");
    pin_loaded_modules();

    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // The layout is fixed in code (layout.cpp), so there is nothing worth an imgui.ini in the
    // user's folder, and tests and screenshots must not depend on one.
    io.IniFilename = nullptr;
    glfw_backend_ = ImGui_ImplGlfw_InitForOpenGL(window_, true);
    gl_backend_ = ImGui_ImplOpenGL3_Init("#version 330 core");
    if (!glfw_backend_ || !gl_backend_) throw GraphicsError("cannot start the ImGui backends");
  } catch (...) {
    shut_down();  // copes with a half-made window
    throw;
  }
}

Window::~Window() {
  shut_down();
}

void Window::shut_down() {
  if (gl_backend_) ImGui_ImplOpenGL3_Shutdown();
  if (glfw_backend_) ImGui_ImplGlfw_Shutdown();
  gl_backend_ = glfw_backend_ = false;
  if (imgui_) ImGui::DestroyContext(imgui_);
  imgui_ = nullptr;
  if (window_) glfwDestroyWindow(window_);
  window_ = nullptr;
  glfwTerminate();
}

bool Window::close_requested() const {
  return glfwWindowShouldClose(window_);
}

void Window::begin_frame(const SyntheticMouse* mouse) {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (mouse) {  // after the backend, which sets the real state
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(mouse->x, mouse->y);
    io.MouseDown[ImGuiMouseButton_Left] = mouse->left_down;
    io.MouseDown[ImGuiMouseButton_Right] = mouse->right_down;
  }
  ImGui::NewFrame();
}

void Window::render() {
  ImGui::Render();
  glViewport(0, 0, framebuffer_width(), framebuffer_height());
  glClearColor(0.06f, 0.07f, 0.08f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() {
  glfwSwapBuffers(window_);
}

void Window::wait_events(double timeout_s) {
  glfwWaitEventsTimeout(timeout_s);
}

int Window::framebuffer_width() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return w;
}

int Window::framebuffer_height() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return h;
}

}  // namespace zoolab::gui
