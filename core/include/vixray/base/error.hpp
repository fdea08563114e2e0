// The one error type of vixray: a message that names the argument, the value and what was
// expected. The CLI prints it on one line; the wasm wrapper turns it into a JavaScript Error.
#pragma once
#include <stdexcept>
#include <string>

namespace vixray {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace vixray
