//===- SNNBrainScaleSOps.td - snn dialect: BrainScaleS-2 style analog ------===//
//
// What --snn-lower-brainscales produces: populations as analog LIF neuron
// circuits with their calibration targets in hardware units (microseconds of
// accelerated hardware time, CADC LSB), and projections as 6-bit synapse
// matrices with the sign split onto excitatory and inhibitory rows.
// docs/brainscales2.md derives every number from the step-level network.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_BRAINSCALES_OPS_TD
#define SNN_BRAINSCALES_OPS_TD

def SNN_I8ElementsAttr : SignlessIntElementsAttr<8>;

def SNN_Bss2SynapsesOp : SNN_UnaryOp<"bss2_synapses"> {
  let summary = "A 6-bit synapse matrix on excitatory and inhibitory rows";
  let description = [{
    Per step, x the (1-d) source signal, `exc` and `inh` (out, in) codes
    0..63 with at most one of the two nonzero per synapse:
    ```
    y[t] = (exc - inh) x[t] + (bias_exc - bias_inh)
    ```
    y is in weight codes; `weight_lsb` (one, or one per output neuron: its
    circuit's synaptic gain is calibrated on its own) is the model weight one
    code stands for, so `(exc - inh) weight_lsb` reconstructs the model
    weights to within `weight_lsb / 2`. A source's positive weights use its excitatory row, its
    negative weights its inhibitory row. The bias is a row driven by a source
    that spikes once in every model step.
    ```mlir
    %y = snn.bss2_synapses %x {exc = dense<...> : tensor<38x12xi8>,
                               inh = dense<...> : tensor<38x12xi8>,
                               weight_lsb = 0.05 : f32}
        : tensor<12xf32> -> tensor<38xf32>
    ```
  }];
  let arguments = (ins SNN_Signal:$input, SNN_I8ElementsAttr:$exc,
                       SNN_I8ElementsAttr:$inh,
                       OptionalAttr<SNN_I8ElementsAttr>:$bias_exc,
                       OptionalAttr<SNN_I8ElementsAttr>:$bias_inh,
                       SNN_ParamAttr:$weight_lsb);
}

def SNN_Bss2NeuronOp : SNN_NeuronOp<"bss2_neuron"> {
  let summary = "An analog LIF neuron circuit, in hardware units";
  let description = [{
    Continuous hardware time t in microseconds (model time times
    `time_scale` / 1000, the network's `snn.bss2_time_scale`), membrane V in
    CADC LSB, synaptic current I in CADC LSB per microsecond:
    ```
    dV/dt = (v_leak - V) / tau_mem + I
    dI/dt = -I / tau_syn + syn_gain sum_k c_k delta(t - t_k)
    V > v_threshold: a spike; V = v_reset for `refractory` us
    ```
    where a spike in model step t on a row with code c_k (the input's
    (exc - inh) code sum) arrives at the start of the step. Excitatory and
    inhibitory inputs share tau_syn and syn_gain (the lowering programs both
    alike). Output: 1 in a step with a spike. Model potentials are
    `v = (V - v_offset) / v_scale`. Parameters are one f32 or one per neuron
    (`refractory` one f64 for the population);
    the calibratable ranges (TARGETS.md) are checked by the lowering:
    tau_mem 0.5-60 us, tau_syn 0.3-30 us, v_leak and v_reset 50-160 LSB,
    v_threshold 50-220 LSB, refractory 0.04-32 us.
    `placement` lists (partition, first circuit, first neuron, end neuron)
    quadruples: where each run of the population's neurons sits.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_ParamAttr:$tau_mem,
                       SNN_ParamAttr:$tau_syn, SNN_ParamAttr:$v_leak,
                       SNN_ParamAttr:$v_reset, SNN_ParamAttr:$v_threshold,
                       F64Attr:$refractory, SNN_ParamAttr:$syn_gain,
                       F64Attr:$v_scale, F64Attr:$v_offset,
                       OptionalAttr<DenseI64ArrayAttr>:$placement);
}

#endif // SNN_BRAINSCALES_OPS_TD
