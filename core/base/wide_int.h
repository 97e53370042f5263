// 128-bit integers for exact intermediate products (GCC and Clang extension, marked as such).
#pragma once

namespace zoolab::core {
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;
}  // namespace zoolab::core
