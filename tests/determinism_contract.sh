#!/bin/sh
# core/ and sim/ take time and randomness only from the simulator, and core/ knows no other layer.
top=${1:-.}
bad=$(grep -rnE '#include <(chrono|random|thread|iostream|mutex|future|ctime)>|std::random_device|\brand\(|\bsrand\(|system_clock|steady_clock|high_resolution_clock|\btime\((NULL|nullptr|0)\)|getpid\(' \
  "$top/core" "$top/sim" 2>/dev/null)
layer=$(grep -rnE '#include "(sim|cli|gui)/' "$top/core" 2>/dev/null; grep -rnE 'imgui|GLFW|glad/' "$top/core" "$top/sim" 2>/dev/null)
if [ -n "$bad$layer" ]; then
  echo "determinism/layering contract broken:"
  printf '%s\n%s\n' "$bad" "$layer"
  exit 1
fi
echo "core/ and sim/ keep the determinism contract"
