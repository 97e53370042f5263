// Atomic file writes (POSIX write + fsync + rename), session saves on top, and checked loads.
#include "sim/scenario/session_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace zoolab::sim {
namespace {

std::string os_error(int err) { return std::strerror(err); }

// Writes all of `data` to `fd`, retrying short writes.
bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

// fsync of the folder makes the rename itself durable.
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string write_file_atomically(const std::string& path, const std::string& data) {
  const std::string temp = path + ".tmp";  // same folder, so rename is atomic
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return os_error(errno);
  const bool ok = write_all(fd, data) && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int why = ok ? errno : err;
    ::unlink(temp.c_str());
    return os_error(why);
  }
  sync_folder(std::filesystem::path(path).parent_path());
  return "";
}

void save_session_file(const std::string& path, const SavedSession& s, const Scenario& scenario) {
  const std::string why = write_file_atomically(path, session_to_json(s, scenario));
  if (!why.empty())
    throw SessionError(path + ": error: cannot write the session (" + why +
                       "); the previous file, if any, is unchanged");
}

SavedSession load_session_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw SessionError(path + ": error: no such session file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SessionError(path + ": error: cannot read the session file");
  std::ostringstream text;
  text << in.rdbuf();
  return session_from_json(text.str(), path);
}

bool looks_like_session_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c))
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c == '{';
  return false;
}

}  // namespace zoolab::sim
