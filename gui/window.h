// The native side of the app: a GLFW window with an OpenGL 3.3 core context, the glad loader,
// and an ImGui context wired to the GLFW and OpenGL3 backends. RAII: one object owns them all.
#pragma once

#include <stdexcept>
#include <string>

struct GLFWwindow;
struct ImGuiContext;

namespace zoolab::gui {

// The window, the GL context or the ImGui backends could not be set up.
class GraphicsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// No display to open a window on (DISPLAY unset, X server gone).
class DisplayUnavailable : public GraphicsError {
 public:
  using GraphicsError::GraphicsError;
};

// Mouse state that replaces the real mouse for a frame: lets tests click and hover in a
// hidden window (which never has focus, so GLFW reports no pointer).
struct SyntheticMouse {
  float x = 0, y = 0;
  bool left_down = false;
  bool right_down = false;
};

struct WindowOptions {
  std::string title = "ZooLab";
  int width = 1280;
  int height = 800;
  bool visible = true;  // false: a hidden window (tests and screenshot mode)
};

class Window {
 public:
  // Throws DisplayUnavailable when GLFW cannot start, GraphicsError for other failures.
  explicit Window(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool close_requested() const;
  // Polls input and starts an ImGui frame (with `mouse` instead of the real one, if given).
  void begin_frame(const SyntheticMouse* mouse = nullptr);
  // Builds ImGui's draw data and renders it into the back buffer (not yet shown).
  void render();
  // Shows the back buffer.
  void present();
  // Waits for input or `timeout_s`, whichever comes first (an idle paused GUI sleeps).
  void wait_events(double timeout_s);

  int framebuffer_width() const;
  int framebuffer_height() const;

 private:
  void shut_down();

  GLFWwindow* window_ = nullptr;
  ImGuiContext* imgui_ = nullptr;
  bool glfw_backend_ = false, gl_backend_ = false;
};

}  // namespace zoolab::gui
