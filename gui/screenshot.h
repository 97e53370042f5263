// Reading the rendered frame back from the GPU and writing it as a PNG.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zoolab::gui {

// Pixels top row first, 3 bytes (RGB) per pixel.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgb;
};

// Reads the back buffer of the current GL context (call after rendering, before presenting).
Image read_back_buffer(int width, int height);
// False when the file cannot be written.
bool write_png(const Image& image, const std::string& path);
// How many different colours the image has, counting up to `limit` (a blank frame has 1).
size_t distinct_colours(const Image& image, size_t limit = 64);

}  // namespace zoolab::gui
