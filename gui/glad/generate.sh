#!/bin/sh
# Generates the GL 3.3 core loader with glad and copies out the two files meson declared.
# Meson custom_target outputs must be flat files, while glad writes a tree (include/glad/gl.h,
# src/gl.c), so it runs into a scratch folder first.
# usage: generate.sh GLAD SCRATCH_DIR OUT_GL_H OUT_GL_C
set -eu
glad="$1"
scratch="$2"
out_h="$3"
out_c="$4"
rm -rf "$scratch"
mkdir -p "$scratch"
# --reproducible: no timestamp and no download of the GL registry (offline builds).
"$glad" --quiet --reproducible --api gl:core=3.3 --extensions '' --out-path "$scratch" c --loader
cp "$scratch/include/glad/gl.h" "$out_h"
cp "$scratch/src/gl.c" "$out_c"
