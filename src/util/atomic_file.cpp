#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/input_error.hpp"

namespace mra {
namespace {

namespace fs = std::filesystem;

class TemporaryFile {
public:
    // An unnamed file in the directory of `target` (O_TMPFILE): a process killed while writing it
    // leaves nothing behind. Where the file system cannot, a named one from mkstemp.
    TemporaryFile(const std::string& target, unsigned mode)
        : m_target(target),
          m_directory(fs::path(target).has_parent_path() ? fs::path(target).parent_path() : "."),
          m_mode(static_cast<mode_t>(mode)) {
        m_fd = ::open(m_directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, m_mode);
        if (m_fd >= 0) return;
        m_path = temporary_name("XXXXXX");
        m_fd = ::mkstemp(m_path.data());
        if (m_fd < 0) fail("cannot create a temporary file");
    }
    ~TemporaryFile() {
        if (m_fd >= 0) ::close(m_fd);
        if (!m_path.empty()) ::unlink(m_path.c_str());
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    void write(std::string_view content) {
        for (std::size_t written = 0; written < content.size();) {
            const ssize_t n = ::write(m_fd, content.data() + written, content.size() - written);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail("write failed");
            written += static_cast<std::size_t>(n);
        }
        if (::fchmod(m_fd, m_mode) != 0 || ::fsync(m_fd) != 0) fail("cannot flush");
    }

    // Puts the whole file at `target`, replacing what was there in one step (rename(2)).
    void commit() {
        if (m_path.empty()) {  // name the unnamed file first, as open(2) shows for O_TMPFILE
            static std::atomic<unsigned> counter{0};
            const std::string name = temporary_name(std::to_string(::getpid()) + "." + std::to_string(counter++));
            const std::string self = "/proc/self/fd/" + std::to_string(m_fd);
            if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) != 0)
                fail("cannot name the temporary file");
            m_path = name;
        }
        if (::close(m_fd) != 0) {
            m_fd = -1;
            fail("cannot close");
        }
        m_fd = -1;
        if (std::rename(m_path.c_str(), m_target.c_str()) != 0) fail("cannot rename into place");
        m_path.clear();
        remove_orphans();
        // The rename itself is durable once the directory is flushed.
        if (const int dir = ::open(m_directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
    }

private:
    // A process killed between naming its file and renaming it (two system calls) leaves
    // ".NAME.PID.N" behind: the next write of NAME removes those whose process is gone.
    void remove_orphans() const {
        const std::string prefix = fs::path(temporary_name("")).filename().string();
        std::error_code error;
        for (fs::directory_iterator it(m_directory, error), end; !error && it != end; it.increment(error)) {
            const std::string name = it->path().filename().string();
            if (!name.starts_with(prefix)) continue;
            int pid = 0;
            const char* first = name.data() + prefix.size();
            const auto [dot, problem] = std::from_chars(first, name.data() + name.size(), pid);
            if (problem != std::errc() || *dot != '.' || pid <= 0 || pid == ::getpid()) continue;
            if (::kill(pid, 0) != 0 && errno == ESRCH) ::unlink(it->path().c_str());
        }
    }

    // ".report.json.SUFFIX" beside the target.
    std::string temporary_name(const std::string& suffix) const {
        return (m_directory / ("." + fs::path(m_target).filename().string() + "." + suffix)).string();
    }

    [[noreturn]] void fail(const char* what) const {
        throw InputError("cannot write " + m_target + ": " + what + ": " + std::strerror(errno));
    }

    std::string m_target;
    fs::path m_directory;
    mode_t m_mode;
    std::string m_path;  // empty while the file has no name
    int m_fd = -1;
};

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content, unsigned mode) {
    TemporaryFile file(path, mode);
    file.write(content);
    file.commit();
}

}  // namespace mra
