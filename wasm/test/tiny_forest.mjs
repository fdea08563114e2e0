// A tiny valid forest (2 features, 1 tree of 3 nodes, psi 2), written by hand: the smallest
// model of the wasm tests (errors.test.mjs, failing_calls.mjs).
export const tinyForest = {
  format: 'vixray-forest',
  format_version: '1.0',
  n_features: 2,
  feature_names: ['a', 'b'],
  n_trees: 1,
  sample_size: 2,
  height_limit: 1,
  seed: 1,
  contamination: null,
  offset: 0.5,
  trees: [{ feature: [0, -1, -1], threshold: [0.5], leaf_size: [1, 1] }],
};
