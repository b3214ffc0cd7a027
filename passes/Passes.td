//===- Passes.td - snn transformation passes -------------------------------===//
#ifndef SNN_PASSES_TD
#define SNN_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNDiscretize : Pass<"snn-discretize", "::mlir::snn::NetworkOp"> {
  let summary = "Turn continuous-time neuron and delay ops into per-step ops";
  let description = [{
    Rewrites every NIR-level neuron op (`snn.i`, `snn.if`, `snn.li`,
    `snn.lif`, `snn.cuba_li`, `snn.cuba_lif`, `snn.alif`) into
    `snn.step_neuron` and every `snn.delay` into `snn.step_delay`, using the
    network's `dt`. Constants are computed in double precision and stored as
    f32.

    `method=euler` (default) is forward Euler with the input held for one
    step: for a time constant tau, decay = 1 - dt/tau and input gain =
    dt/tau. This is the convention under which snnTorch, Norse and SpiNNaker 2
    agree with the exact solution on the NIR paper's LIF test.
    `method=exact` integrates the linear dynamics exactly with the input held
    constant over the step: decay = exp(-dt/tau), gain = 1 - decay.

    Delays become `round(delay / dt)` steps. The pass warns when dt/tau > 1
    (Euler overshoots) and when a delay is not a whole number of steps.
    The network is marked `snn.discretization = "<method>"`.
  }];
  let options = [
    Option<"method", "method", "std::string", /*default=*/"\"euler\"",
           "Integration rule: euler (forward Euler) or exact (exponential)">
  ];
}

def SNNQuantize : Pass<"snn-quantize", "::mlir::ModuleOp"> {
  let summary = "Turn a step-level network into a target's number formats";
  let description = [{
    Looks up the target description (`target=NAME`, see targets/), attaches
    it to the module as `snn.target`, and converts every `snn.step_neuron`
    and the weighted ops feeding it into the target's arithmetic, reading only
    the description's fields:

    * `loihi` arithmetic: `snn.loihi_neuron`, 8-bit weight mantissas with a
      shared exponent, 12-bit decays, threshold mantissa << 6, bias
      mantissa/exponent, plus the one-step synaptic delay.
    * `spinnaker` arithmetic: `snn.spinnaker_neuron` in s16.15, 16-bit weights
      with a left shift, one-step delay.
    * `speck` arithmetic: `snn.speck_neuron`, 8-bit weights, 16-bit state,
      one scale per layer.
    * `analog`: weights to the synapse array's 6-bit grid (numbers only).
    * `float`: nothing to do.

    Scales are chosen from the weights and thresholds, and from activation
    ranges when `calibration=x.npy` runs the float model first. Each weighted
    op gets a remark with what was lost (max/mean abs error, saturation,
    effective bits), each layer one with its integer parameters. What the
    target cannot represent is an error at the layer, naming the value.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"\"",
           "Target name (loihi, loihi2, spinnaker, spinnaker2, speck, "
           "brainscales2, gpusim)">,
    Option<"vScale", "v-scale", "double", /*default=*/"0.0",
           "Integer state units per float unit (0: choose automatically)">,
    Option<"weightExp", "weight-exp", "std::string", /*default=*/"\"auto\"",
           "Shared weight exponent (loihi arithmetic): auto or an integer">,
    Option<"decayRounding", "decay-rounding", "std::string",
           /*default=*/"\"nearest\"",
           "How decay factors become integers: nearest or floor">,
    Option<"perChannel", "per-channel", "bool", /*default=*/"false",
           "One weight scale per output channel (where the target allows)">,
    Option<"calibration", "calibration", "std::string", /*default=*/"\"\"",
           "Input .npy to run the float model on for activation ranges">
  ];
}

def SNNMap : Pass<"snn-map", "::mlir::ModuleOp"> {
  let summary = "Assign a quantized network to the target's cores";
  let description = [{
    Reads the module's `snn.target` (set by --snn-quantize) and maps the
    network onto the target's cores, checking every capacity in the
    description: one diagnostic per problem, at the layer, saying the
    resource, the need, the limit and what to change. Each layer gets a
    remark with its resource use.

    Speck arithmetic: each conv -> IAF -> sum-pool stage on one of the 9
    cores, by the published kernel/neuron/bias memory formulas, as a maximum
    matching (targets/speck/mapping). Loihi and SpiNNaker arithmetic: neurons
    partitioned onto cores under the neuron, input-axon and synapse
    capacities, minimising inter-core spike traffic
    (targets/common/partition); `neurons-per-core=N` caps the fill. Cores
    are placed on the chip meshes and the board's chips (description fields
    `chips_per_board`, `board_chips_x`, ...) minimising hop-weighted traffic;
    `cores-per-chip=N` uses at most N cores of each chip; `rates=x.npy` runs
    the quantized network on that input first and weighs each neuron's
    packets by its measured spikes per step. A network needing
    more cores than the board has is an error at the layer that overflows.

    The pass ends by lowering the result to an `snn_hw.board` (as
    --snn-lower-hw does), which is what `snn-translate --emit=<target>`
    reads; the board carries each core's chip and the chips' board
    positions.
  }];
  let options = [
    Option<"neuronsPerCore", "neurons-per-core", "int64_t", /*default=*/"0",
           "Most neurons per core (0: the target's capacity)">,
    Option<"coresPerChip", "cores-per-chip", "int64_t", /*default=*/"0",
           "Most cores used per chip (0: all of the target's)">,
    Option<"rates", "rates", "std::string", /*default=*/"\"\"",
           "Input .npy ((T, ...) or (B, T, ...)) to run the quantized network "
           "on: each neuron's spikes per step then weigh its traffic "
           "(default: every neuron counts 1)">
  ];
  let dependentDialects = ["::mlir::snn_hw::SNNHWDialect"];
}

def SNNLowerHw : Pass<"snn-lower-hw", "::mlir::ModuleOp"> {
  let summary = "Lower a network's mapping attributes to the snn_hw dialect";
  let description = [{
    The mappers record their result as attributes on the snn ops
    (`snn.core_of` per neuron or `snn.core` per layer, `snn.core_links`,
    `snn.core_slot`, `snn.routes`, ...). This pass turns them into one
    `snn_hw.board` per mapped network, placed after it: the chips, the cores
    with their resource use against the target description, the neuron
    slices, and the routes (mesh hops; SpiNNaker keys, masks and compressed
    router tables; Speck destinations). It then removes the attributes.
    `--snn-map` already ends with this lowering; the pass exists for modules
    mapped by other means. A network without mapping attributes is left
    alone. See docs/snn-hw-dialect.md.
  }];
  let dependentDialects = ["::mlir::snn_hw::SNNHWDialect"];
}

def SNNLowerBrainScaleS : Pass<"snn-lower-brainscales", "::mlir::ModuleOp"> {
  let summary = "Translate a step-level network into BrainScaleS-2 style "
                "analog parameters, placed on chips";
  let description = [{
    Every `snn.step_neuron` becomes an `snn.bss2_neuron` with calibration
    targets in hardware units, every projection into it an
    `snn.bss2_synapses` with 6-bit codes on excitatory/inhibitory rows
    (docs/brainscales2.md):

    * time: hardware us = model s * 1e6 * time_scale / 1000 (the chip runs
      1000x faster than the model when time_scale is 1). `time-scale=0`
      chooses the scale nearest 1 that puts every time constant inside its
      calibratable range, with a 25% margin where possible.
    * potentials: per population `lsb = v_offset + v_scale v`, the lowest
      leak/reset on 50 LSB and the scale as fine as the leak/reset (50-160)
      and threshold (50-220) ranges and the synaptic gain's code range allow.
    * weights: one code step per population (largest |w| or bias -> 63),
      positive weights on the source's excitatory row, negative on its
      inhibitory row; the bias is a row driven once per step.
    * placement: populations onto 512 circuits x 256 rows per chip in
      dataflow order; a recurrent loop stays on one chip; when the network
      does not fit, several chips (`chips`, default the description's) or
      sequential partitions.

    A value outside a calibratable range is an error at the population
    naming the parameter, value, range and nearest legal value; so is every
    neuron feature the circuit lacks (subtractive reset, multi-spike,
    adaptation, a floor, non-spiking readout, delays).
  }];
  let options = [
    Option<"timeScale", "time-scale", "double", /*default=*/"0.0",
           "Hardware time per model time, over 1/1000 (0: choose)">,
    Option<"vScale", "v-scale", "double", /*default=*/"0.0",
           "CADC LSB per model potential unit (0: choose per population)">,
    Option<"refractory", "refractory", "double", /*default=*/"0.0",
           "Refractory time in model seconds (0: the chip's shortest)">,
    Option<"chips", "chips", "int64_t", /*default=*/"0",
           "Chips running in parallel (0: the target description's)">
  ];
}

def SNNConvertAnn : Pass<"snn-convert-ann", "::mlir::ModuleOp"> {
  let summary = "Convert a ReLU ANN (snn.ann) into a rate-coded IF network";
  let description = [{
    Data-based normalisation (Diehl et al. 2015) with robust, percentile-based
    scales (Rueckauer et al. 2017). The pass runs the ANN once on the
    calibration inputs (`calibration=X.npy`, shape (N, ...input shape)) with
    the reference runtime and takes, for every `snn.relu` l, the
    `percentile`-th percentile lambda_l of its positive activations (per
    layer, or per output channel with `per-channel=true`). Then:

    * every `snn.relu` becomes `snn.if` with r = 1, v_threshold = 1,
      v_reset = 0 and reset by subtraction, so its spike rate approximates
      a_l / lambda_l, clipped to [0, 1];
    * every weighted op (`snn.affine`, `snn.linear`, `snn.conv1d`,
      `snn.conv2d`) feeding activation l through linear shape ops gets
      `W' = W lambda_{l-1} / lambda_l` and `b' = b / lambda_l`; the bias is
      thereby a constant input current added every step;
    * pooling (`snn.avg_pool2d`, `snn.sum_pool2d`), `snn.flatten`,
      `snn.scale` and `snn.add` stay linear, acting on spikes; where two
      differently scaled signals meet, an `snn.scale` reconciles them;
    * each network output that is not already an activation gets an output
      IF population with the output layer's single lambda (one per layer,
      also with `per-channel`, so the arg-max over classes is unchanged);
      the class is the arg-max of the output spike counts;
    * the network input has lambda_0 = 1: the SNN receives the ANN's input
      as a constant current at every step (`snn-run --static-input`);
    * the `snn.ann` marker is dropped and dt is 1 (one step per
      integration).

    `snn.max_pool2d` (ONNX MaxPool) is refused, naming the node: a maximum
    over spike trains is not the maximum of their rates; retrain with
    AveragePool. Any other op without a linear or ReLU meaning is refused
    too. Each converted activation gets a remark with its lambda.
  }];
  let options = [
    Option<"calibration", "calibration", "std::string", /*default=*/"\"\"",
           "Input .npy, shape (N, ...input shape), the ANN is run on to "
           "choose each layer's scale (required)">,
    Option<"percentile", "percentile", "double", /*default=*/"99.9",
           "Percentile of the positive activations used as a layer's scale "
           "(100: the maximum, Diehl et al. 2015)">,
    Option<"perChannel", "per-channel", "bool", /*default=*/"false",
           "One scale per output channel of each hidden activation instead "
           "of one per layer">
  ];
}

#endif // SNN_PASSES_TD
