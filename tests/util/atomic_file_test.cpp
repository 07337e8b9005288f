#include "util/atomic_file.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "support/process.hpp"
#include "support/scratch_dir.hpp"
#include "util/input_error.hpp"

namespace {

std::size_t entries(const std::string& directory) {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(directory), {}));
}

}  // namespace

TEST_CASE("atomic file: replaces the file whole, with the mode asked for, and leaves nothing else") {
    const mra::test::ScratchDir directory;
    const std::string path = directory / "report.json";
    mra::write_file_atomically(path, "first");
    mra::write_file_atomically(path, "second, longer", 0600);
    CHECK(mra::test::slurp(path) == "second, longer");
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);
    CHECK(entries(directory.path()) == 1);
}

TEST_CASE("atomic file: what cannot be written is one InputError naming the path, and no debris") {
    const mra::test::ScratchDir directory;
    const std::string absent = directory / "absent/report.json";
    CHECK_THROWS_WITH_AS(mra::write_file_atomically(absent, "x"), doctest::Contains(absent.c_str()), mra::InputError);
    std::filesystem::create_directory(directory / "taken");  // a directory where the file should go
    CHECK_THROWS_WITH_AS(mra::write_file_atomically(directory / "taken", "x"),
                         doctest::Contains("cannot rename into place"), mra::InputError);
    CHECK(entries(directory.path()) == 1);
}

TEST_CASE("atomic file: a temporary file left by a killed writer is removed by the next write, a live one's is not") {
    const mra::test::ScratchDir directory;
    const pid_t gone = ::fork();  // a process id that is surely not in use: a child already reaped
    REQUIRE(gone >= 0);
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const std::string orphan = directory / (".report.json." + std::to_string(gone) + ".0");
    const std::string live = directory / ".report.json.1.0";  // init's: alive
    const std::string other = directory / (".other.json." + std::to_string(gone) + ".0");
    for (const auto& path : {orphan, live, other}) mra::write_file_atomically(path, "left");
    mra::write_file_atomically(directory / "report.json", "new");
    CHECK_FALSE(std::filesystem::exists(orphan));
    CHECK(std::filesystem::exists(live));
    CHECK(std::filesystem::exists(other));  // another report's: left to its own next write
}
