#include "vixray/ensemble/model.hpp"

#include <string>

#include "vixray/base/error.hpp"

namespace vixray {

void throw_no_detector(int64_t k, size_t count) {
  throw Error("detector " + std::to_string(k) + " does not exist (the model has " +
              std::to_string(count) + ")");
}

}  // namespace vixray
