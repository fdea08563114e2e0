// One failing call of every binding that can fail (wasm/bind_*.cpp), each with the message its
// Error carries: through the public API (vixray.mjs) where it reaches the binding, else on the
// raw Embind objects (vx.core). `build` 'page' has the page's bindings only; 'full' all of them.
// Read by error_loop.test.mjs, which repeats each call many times.

import { tinyForest } from './tiny_forest.mjs';

const badBundle = '{"format": "vixray-model", "format_version": "1.0", "detectors": 7}';
const badMarket = '{"format": "vixray-market", "format_version": "1.0", "dates": 3}';

export function failingCalls(vx, { build, model, bundle }) {
  const bytes = (text) => new TextEncoder().encode(text);
  const fresh = vx.EnsembleModel.fromJSON(new Uint8Array(bundle)); // no market loaded
  const raw = model._handle; // the Embind object behind the public one
  const vix = vx.parsePriceCsv('DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,1,2,0.5,1.5\n', 'vix');
  const calls = [
    // EnsembleModel (page and full builds)
    [
      'EnsembleModel.fromJSON(bytes)',
      () => vx.EnsembleModel.fromJSON(bytes(badBundle)),
      /feature_spec/,
    ],
    ['EnsembleModel.fromJSON(text)', () => vx.EnsembleModel.fromJSON(badBundle), /feature_spec/],
    ['analyzeMarketColumns(bytes)', () => model.analyzeMarketColumns(bytes(badMarket)), /dates/],
    ['analyzeMarketColumns(text)', () => model.analyzeMarketColumns(badMarket), /dates/],
    [
      'analyzeMarketColumnsSplit',
      () => model.analyzeMarketColumnsSplit(bytes(badMarket), { detectors: [0], scores: null }),
      /dates/,
    ],
    ['scoreMarket', () => model.scoreMarket(bytes(badMarket), [0]), /dates/],
    [
      'analyzeFilesColumns',
      () => model.analyzeFilesColumns([{ name: 'vix.csv', text: 'not,a,price\nfile\n' }]),
      /vix\.csv/,
    ],
    ['explainDay', () => model.explainDay(-1), /day index -1 is outside/],
    ['whatIf', () => model.whatIf(-1, 0), /VIX close must be a positive number/],
    ['whatIf (no market)', () => fresh.whatIf(20, 0), /no market loaded/],
    ['columns (no market)', () => fresh.columns(), /no market loaded/],
    ['dataSource (no market)', () => fresh.dataSource(), /no market loaded/],
    ['core analyzeLoaded (nothing loaded)', () => raw.analyzeLoaded(), /no market loaded/],
    ['core scoreLoaded(-1)', () => raw.scoreLoaded(-1), /detector -1 does not exist/],
    ['core scoresFor(-1)', () => raw.scoresFor(-1), /detector -1 does not exist/],
    ['core column(name)', () => raw.column('no_such_column'), /no_such_column/],
    ['core new TextBuffer(2^31 - 1)', () => new vx.core.TextBuffer(2 ** 31 - 1), /alloc/],
    // data and dates
    [
      'parsePriceCsv',
      () => vx.parsePriceCsv('DATE,CLOSE\n2020-13-45,1\n', 'vix.csv'),
      /vix\.csv:2/,
    ],
    ['alignMarket', () => vx.alignMarket({ vix }, { primary: 'spx' }), /primary "spx"/],
    ['isoDates', () => vx.isoDates([0.5]), /days\[0\]: expected a whole day number/],
    ['core loadFiles', () => raw.loadFiles([null]), /files\[0\]: expected an object/],
    // A JavaScript exception inside the call (Embind cannot make a number of a BigInt): the
    // wrapper puts the stack pointer back.
    ['core isoDays([1n])', () => vx.core.isoDays([1n]), /BigInt/],
  ];
  if (build === 'full') {
    const forest = vx.Forest.fromJSON(JSON.stringify(tinyForest));
    const builder = new vx.core.FrameBuilder();
    const input = {
      dates: ['2020-01-02'],
      featureNames: ['no_such_feature'],
      features: [1],
      vixClose: [15],
      spxClose: [3000],
    };
    calls.push(
      ['Forest.fromJSON', () => vx.Forest.fromJSON('{"format": "vixray-forest", "tre'), /JSON/],
      ['Forest score', () => forest.score(new Float64Array([NaN, 0]), 1, 2), /finite/],
      ['core Forest inputBuffer', () => forest._handle.inputBuffer(-1, 2), /negative/],
      ['computeFeatures', () => vx.computeFeatures({ dates: [1], columns: {} }, '{'), /spec/],
      ['computeFeatures (dates)', () => vx.computeFeatures({ dates: ['x'] }), /dates\[0\]/],
      ['parseFrameCsv', () => vx.parseFrameCsv('date,vix.close\nx,1\n', 'f.csv'), /f\.csv/],
      ['core FrameBuilder datesBuffer', () => builder.datesBuffer(-1), /count >= 0/],
      ['core FrameBuilder column', () => builder.column('nope'), /no column "nope"/],
      ['validateFeatureSpec', () => vx.validateFeatureSpec('{'), /feature spec/],
      ['describeFeatures', () => vx.describeFeatures('{'), /feature spec/],
      [
        'marketFeatureCatalogue',
        () => vx.marketFeatureCatalogue([1]),
        /columns\[0\]: expected a string/,
      ],
      [
        'analyze (featureNames)',
        () => model.analyze({ ...input, featureNames: [1] }),
        /featureNames\[0\]: expected a string/,
      ],
      ['parseNumericTable', () => vx.parseNumericTable('a,b\n1,x\n', 't.csv'), /t\.csv:2/],
      ['simulate', () => vx.simulate({ seed: -1 }), /seed: expected an integer/],
      ['analyze', () => model.analyze(input), /not among the 1 feature columns/],
      ['explain', () => model.explain(input, -1), /day index -1 is outside/],
      ['analyzeMarket', () => model.analyzeMarket(badMarket), /dates/],
      ['analyzeFiles', () => model.analyzeFiles([{ name: 'vix.csv', text: 'x\n' }]), /vix\.csv/],
      ['documents (no market)', () => fresh.documents(), /no market loaded/],
    );
  }
  return calls.map(([name, call, message]) => ({ name, call, message }));
}
