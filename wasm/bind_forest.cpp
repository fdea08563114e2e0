// Embind declarations for the forest and numeric tables: a thin layer over the core. Every entry
// point runs inside `guarded` (guarded.hpp), so a C++ error becomes a JavaScript Error.
// Other areas declare their bindings in their own bind_*.cpp files. Arrays cross the boundary as
// typed-array views of buffers owned here (no element-by-element copies).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "guarded.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/numeric_table.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/metrics.hpp"

using emscripten::val;
using vixray::wasm::guarded;

namespace {

class Forest {
 public:
  explicit Forest(vixray::IsolationForest forest) : forest_(std::move(forest)) {}

  static Forest* fromJSON(const std::string& text) {
    return guarded([&] { return new Forest(vixray::IsolationForest::load(text)); });
  }

  /// A Float64Array over an input buffer of rows x cols, to be filled by JavaScript.
  val inputBuffer(int rows, int cols) {
    return guarded([&] {
      if (rows < 0 || cols < 0) throw vixray::Error("rows and cols must not be negative");
      input_.resize(static_cast<size_t>(rows) * static_cast<size_t>(cols));
      return val(emscripten::typed_memory_view(input_.size(), input_.data()));
    });
  }

  /// Scores the input buffer; returns a view of the scores (valid until the next call).
  val score(int rows, int cols) { return scoreWith(rows, cols, "auto"); }

  /// The same with a chosen kernel: "auto", "scalar", "simd" or "rank" (tests and benchmarks).
  val scoreWith(int rows, int cols, const std::string& kernel) {
    return guarded([&] {
      const vixray::ForestKernel k = kernel_of(kernel);
      if (static_cast<size_t>(rows) * static_cast<size_t>(cols) != input_.size())
        throw vixray::Error("score: rows x cols (" + std::to_string(rows) + " x " +
                            std::to_string(cols) + ") does not match the input buffer (" +
                            std::to_string(input_.size()) + " values)");
      output_.resize(static_cast<size_t>(rows));
      forest_.score_samples(vixray::MatrixView{input_.data(), rows, cols}, output_.data(), k);
      return val(emscripten::typed_memory_view(output_.size(), output_.data()));
    });
  }

  /// The kernel that `kernel` runs: "scalar" or "simd128" (the rank walk is native only).
  std::string kernelName(const std::string& kernel) const {
    return guarded([&] { return std::string(forest_.kernel_name(kernel_of(kernel))); });
  }

  std::string toJSON() const {
    return guarded([&] { return forest_.dump(); });
  }
  int nFeatures() const { return forest_.n_features(); }
  int nTrees() const { return forest_.n_trees(); }
  int sampleSize() const { return forest_.sample_size(); }
  double offset() const { return forest_.offset(); }
  val featureNames() const {
    return guarded([&] {
      val names = val::array();
      for (const auto& n : forest_.feature_names()) names.call<void>("push", n);
      return names;
    });
  }

 private:
  static vixray::ForestKernel kernel_of(const std::string& name) {
    if (name == "auto") return vixray::ForestKernel::kAuto;
    if (name == "scalar") return vixray::ForestKernel::kScalar;
    if (name == "simd") return vixray::ForestKernel::kSimd;
    if (name == "rank") return vixray::ForestKernel::kRank;
    throw vixray::Error("kernel: expected \"auto\", \"scalar\", \"simd\" or \"rank\", got \"" +
                        name + "\"");
  }

  vixray::IsolationForest forest_;
  std::vector<double> input_, output_;
};

// A numeric CSV table, parsed by the core: {columns: [...], rows, cols, values: Float64Array}.
val parseNumericTable(const std::string& text, const std::string& source) {
  return guarded([&] {
    const vixray::NumericTable table = vixray::parse_numeric_table(text, source);
    val out = val::object();
    val columns = val::array();
    for (const auto& c : table.columns) columns.call<void>("push", c);
    out.set("columns", columns);
    out.set("rows", static_cast<double>(table.values.rows()));
    out.set("cols", static_cast<double>(table.values.cols()));
    // Copied into a JS-owned Float64Array (the view is sliced before `table` goes away).
    out.set("values", val(emscripten::typed_memory_view(static_cast<size_t>(table.values.size()),
                                                        table.values.data()))
                          .call<val>("slice"));
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(vixray) {
  emscripten::class_<Forest>("Forest")
      .class_function("fromJSON", &Forest::fromJSON, emscripten::allow_raw_pointers())
      .function("inputBuffer", &Forest::inputBuffer)
      .function("score", &Forest::score)
      .function("scoreWith", &Forest::scoreWith)
      .function("kernelName", &Forest::kernelName)
      .function("toJSON", &Forest::toJSON)
      .function("nFeatures", &Forest::nFeatures)
      .function("nTrees", &Forest::nTrees)
      .function("sampleSize", &Forest::sampleSize)
      .function("offset", &Forest::offset)
      .function("featureNames", &Forest::featureNames);
  emscripten::function("parseNumericTable", &parseNumericTable);
}
