// The one error type of vixray: a message that names the argument, the value and what was
// expected. The CLI prints it on one line; the wasm wrapper turns it into a JavaScript Error.
#pragma once
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vixray {

/// Text from outside (a CSV header or field, a file name, a JSON string) made safe to print on
/// one terminal line: control bytes (0x00-0x1F, 0x7F) become \t, \n, \r or \xHH, C1 controls
/// (U+0080-U+009F, which some terminals obey as escape sequences) become \u00HH, and bytes that
/// are not valid UTF-8 become \xHH; valid UTF-8 text and backslashes are kept as they are. Text
/// with nothing to escape comes back unchanged, so applying it twice changes nothing.
std::string printable_text(std::string_view text);

class Error : public std::runtime_error {
 public:
  /// The message is kept as printable_text: what() carries a NUL or an ESC from a file as
  /// "\x00" or "\x1b", so no message is cut short or drives the terminal.
  explicit Error(const std::string& message) : std::runtime_error(printable_text(message)) {}
};

/// A number in a message, with 17 significant digits (it reads back to the same double).
inline std::string number_text(double value) {
  std::ostringstream s;
  s.precision(17);
  s << value;
  return s.str();
}

}  // namespace vixray
