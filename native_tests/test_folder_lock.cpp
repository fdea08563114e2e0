// One writer per output folder (core/cli/folder_lock.hpp): a second lock is refused naming the
// holder, and the lock of a process killed with SIGKILL is released by the kernel.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "cli_helpers.hpp"
#include "folder_lock.hpp"
#include "vixray/base/error.hpp"

using vixray::cli::FolderLock;

TEST_CASE("the lock file sits beside the folder, not in it", "[folder_lock]") {
  CHECK(vixray::cli::folder_lock_path("out/models") == "out/.models.vixray-lock");
  CHECK(vixray::cli::folder_lock_path("out/models/") == "out/.models.vixray-lock");
  CHECK(vixray::cli::folder_lock_path("models") == ".models.vixray-lock");
}

TEST_CASE("a second writer is refused while the first holds the folder", "[folder_lock]") {
  vixray::test::TempDir dir;
  const std::string folder = dir / "models";
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // the holder: locks, says so, and waits to be killed
    FolderLock lock(folder, "train");
    const char ok = 'y';
    if (::write(ready[1], &ok, 1) != 1) ::_exit(1);
    ::pause();
    ::_exit(0);
  }
  char ok = 0;
  REQUIRE(::read(ready[0], &ok, 1) == 1);
  try {
    FolderLock second(folder, "monitor");
    FAIL("a second lock was granted");
  } catch (const vixray::Error& e) {
    const std::string message = e.what();
    CHECK(message.find("another vixray process is writing this folder") != std::string::npos);
    CHECK(message.find("train pid " + std::to_string(child)) != std::string::npos);
  }
  // The holder dies without unlocking (as a power cut or kill -9): the kernel releases it.
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK_NOTHROW(FolderLock(folder, "monitor"));
  ::close(ready[0]);
  ::close(ready[1]);
}
