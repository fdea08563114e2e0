#include "clock.hpp"

#include <cstdlib>
#include <ctime>

#include "vixray/base/error.hpp"

namespace vixray::cli {

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || seconds < 0)
      throw Error(std::string("SOURCE_DATE_EPOCH: expected whole seconds since 1970, got \"") +
                  epoch + "\"");
    t = static_cast<std::time_t>(seconds);
  }
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}

}  // namespace vixray::cli
