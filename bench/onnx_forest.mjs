// A vixray forest (the JSON of `vixray forest fit --out` / IsolationForest::dump) written as an
// ONNX graph: one ai.onnx.ml TreeEnsembleRegressor node, X float[N, F] -> Y float[N, 1], whose
// output is the forest's mean path length. One ONNX tree per vixray tree, in the same pre-order:
// a split is BRANCH_LEQ (vixray goes left when x <= threshold, the true branch; thresholds are
// float32 values in vixray too), a leaf's weight is its path length (depth + c(leaf size), as
// IsolationForest::finish_layout in core/src/forest/forest.cpp), and aggregate AVERAGE divides
// the sum by the number of trees.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { onnx } = require('onnx-proto');

// c(n) of core/src/forest/forest.cpp: the average path length of an unsuccessful search in a
// binary search tree of n points (Math.log in place of detmath::log: leaf weights are float32).
export function averagePathLength(n) {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  const eulerGamma = 0.5772156649015329;
  return 2 * (Math.log(n - 1) + eulerGamma) - (2 * (n - 1)) / n;
}

// Appends tree `t` of the forest JSON to the attribute arrays in `a` (pre-order ids).
function appendTree(a, tree, t) {
  let nextThreshold = 0;
  let nextLeaf = 0;
  // Visits node `id` at `depth`; returns the id after its subtree.
  const visit = (id, depth) => {
    const feature = tree.feature[id];
    a.treeIds.push(t);
    a.nodeIds.push(id);
    if (feature < 0) {
      a.featureIds.push(0);
      a.values.push(0);
      a.modes.push('LEAF');
      a.trueIds.push(0);
      a.falseIds.push(0);
      a.targetTreeIds.push(t);
      a.targetNodeIds.push(id);
      a.targetWeights.push(depth + averagePathLength(tree.leaf_size[nextLeaf++]));
      return id + 1;
    }
    const slot = a.modes.length;
    a.featureIds.push(feature);
    a.values.push(Math.fround(tree.threshold[nextThreshold++]));
    a.modes.push('BRANCH_LEQ');
    a.trueIds.push(id + 1);
    a.falseIds.push(0); // set once the left subtree's size is known
    const right = visit(id + 1, depth + 1);
    a.falseIds[slot] = right;
    return visit(right, depth + 1);
  };
  if (visit(0, 0) !== tree.feature.length) throw new Error(`tree ${t}: malformed pre-order`);
}

function attribute(name, type, field, value) {
  return onnx.AttributeProto.create({
    name,
    type: onnx.AttributeProto.AttributeType[type],
    [field]: value,
  });
}

// The smallest non-zero difference between two leaf weights of one tree: a row that reached
// another leaf in one tree would move the mean by at least this / trees.
function minLeafGap(a) {
  let gap = Infinity;
  for (let t = 0, begin = 0; begin < a.targetTreeIds.length; t++) {
    let end = begin;
    while (end < a.targetTreeIds.length && a.targetTreeIds[end] === t) end++;
    const w = a.targetWeights.slice(begin, end).sort((p, q) => p - q);
    for (let i = 1; i < w.length; i++) if (w[i] > w[i - 1]) gap = Math.min(gap, w[i] - w[i - 1]);
    begin = end;
  }
  return gap;
}

// The ONNX model for a parsed forest JSON document: { bytes (a ModelProto), minLeafGap }.
export function forestToOnnx(forest) {
  const a = {
    treeIds: [],
    nodeIds: [],
    featureIds: [],
    values: [],
    modes: [],
    trueIds: [],
    falseIds: [],
    targetTreeIds: [],
    targetNodeIds: [],
    targetWeights: [],
  };
  forest.trees.forEach((tree, t) => appendTree(a, tree, t));
  const leaves = a.targetTreeIds.length;
  const utf8 = (s) => new TextEncoder().encode(s);
  const node = onnx.NodeProto.create({
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: ['X'],
    output: ['Y'],
    attribute: [
      attribute('nodes_treeids', 'INTS', 'ints', a.treeIds),
      attribute('nodes_nodeids', 'INTS', 'ints', a.nodeIds),
      attribute('nodes_featureids', 'INTS', 'ints', a.featureIds),
      attribute('nodes_values', 'FLOATS', 'floats', a.values),
      attribute('nodes_modes', 'STRINGS', 'strings', a.modes.map(utf8)),
      attribute('nodes_truenodeids', 'INTS', 'ints', a.trueIds),
      attribute('nodes_falsenodeids', 'INTS', 'ints', a.falseIds),
      attribute('target_treeids', 'INTS', 'ints', a.targetTreeIds),
      attribute('target_nodeids', 'INTS', 'ints', a.targetNodeIds),
      attribute('target_ids', 'INTS', 'ints', new Array(leaves).fill(0)),
      attribute('target_weights', 'FLOATS', 'floats', a.targetWeights),
      attribute('n_targets', 'INT', 'i', 1),
      attribute('aggregate_function', 'STRING', 's', utf8('AVERAGE')),
      attribute('post_transform', 'STRING', 's', utf8('NONE')),
    ],
  });
  const tensor = (name, dims) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: {
            dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })),
          },
        },
      },
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'vixray bench/onnx_forest.mjs',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: {
      name: 'vixray_forest_mean_path_length',
      node: [node],
      input: [tensor('X', ['N', forest.n_features])],
      output: [tensor('Y', ['N', 1])],
    },
  });
  return { bytes: onnx.ModelProto.encode(model).finish(), minLeafGap: minLeafGap(a) };
}
