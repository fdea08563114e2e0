// The one error type of vixray: a message that names the argument, the value and what was
// expected. The CLI prints it on one line; the wasm wrapper turns it into a JavaScript Error.
#pragma once
#include <sstream>
#include <stdexcept>
#include <string>

namespace vixray {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A number in a message, with 17 significant digits (it reads back to the same double).
inline std::string number_text(double value) {
  std::ostringstream s;
  s.precision(17);
  s << value;
  return s.str();
}

}  // namespace vixray
