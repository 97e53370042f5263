// Frame read-back and PNG output (see screenshot.h).
#include "gui/screenshot.h"

#include <algorithm>
#include <unordered_set>

#include <glad/gl.h>
// The implementation is compiled into Debian's libstb; only the declarations are needed here.
#include <stb_image_write.h>

namespace zoolab::gui {

Image read_back_buffer(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  image.rgb.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);  // rows of 3-byte pixels are not 4-byte aligned
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, image.rgb.data());
  // GL's first row is the bottom one; images start at the top.
  const size_t row = static_cast<size_t>(width) * 3;
  for (int y = 0; y < height / 2; ++y) {
    auto top = image.rgb.begin() + static_cast<std::ptrdiff_t>(y * row);
    auto bottom = image.rgb.begin() + static_cast<std::ptrdiff_t>((height - 1 - y) * row);
    std::swap_ranges(top, top + static_cast<std::ptrdiff_t>(row), bottom);
  }
  return image;
}

bool write_png(const Image& image, const std::string& path) {
  if (image.width <= 0 || image.height <= 0) return false;
  return stbi_write_png(path.c_str(), image.width, image.height, 3, image.rgb.data(),
                        image.width * 3) != 0;
}

size_t distinct_colours(const Image& image, size_t limit) {
  std::unordered_set<uint32_t> seen;
  for (size_t i = 0; i + 2 < image.rgb.size() && seen.size() < limit; i += 3)
    seen.insert(uint32_t{image.rgb[i]} << 16 | uint32_t{image.rgb[i + 1]} << 8 | image.rgb[i + 2]);
  return seen.size();
}

}  // namespace zoolab::gui
