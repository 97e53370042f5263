// Znode path rules (PathUtils.validatePath, reference §5.6) and small path helpers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zoolab::core::zk {

// nullopt when `path` is valid, else the IllegalArgumentException message real ZooKeeper gives:
// "Path must start with / character", "Invalid path string \"/a//b\" caused by empty node name
// specified @3", ... Indexes count UTF-16 code units like Java (one per BMP character).
std::optional<std::string> validate_path(std::string_view path);
// Sequential creates validate path + "1" (so "/a/" is a legal prefix).
std::optional<std::string> validate_create_path(std::string_view path, bool sequential);

// "/a/b" -> "/a"; "/a" -> "/"; "/" -> "" (no parent).
std::string parent_path(std::string_view path);
// "/a/b" -> "b"; "/" -> "".
std::string_view last_component(std::string_view path);
// Parent + "/" + child without doubling the root slash.
std::string join_path(std::string_view parent, std::string_view child);

}  // namespace zoolab::core::zk
