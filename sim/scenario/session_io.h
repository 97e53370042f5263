// Saved sessions on disk: written atomically (a temporary file in the same folder, flushed and
// fsynced, then renamed over the target), so a crash or a full disk never leaves half a file
// where a good one was; read back with every problem named as "FILE: error: ...".
#pragma once

#include <string>

#include "sim/scenario/session_file.h"

namespace zoolab::sim {

// Writes `data` to `path` atomically (temp file beside it, fsync, rename, fsync of the folder).
// Returns "" on success, else why not; the old file, if any, is then left as it was.
std::string write_file_atomically(const std::string& path, const std::string& data);

// Throws SessionError ("FILE: error: cannot write ...") when the file cannot be written; the old
// file, if any, is then left as it was.
void save_session_file(const std::string& path, const SavedSession& s, const Scenario& scenario);

// Throws SessionError for a missing, unreadable, corrupt or newer file.
SavedSession load_session_file(const std::string& path);

// Does this file look like a saved session rather than a scenario (its first non-blank byte is
// '{')? Scenario files never start with '{'.
bool looks_like_session_file(const std::string& path);

}  // namespace zoolab::sim
