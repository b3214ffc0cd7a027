//===- SNNNeuronOps.td - snn dialect: neuron and delay ops ------------------===//
//
// Stateful ops. The NIR-level ops state their continuous-time model and the
// per-step update that `--snn-discretize` produces from it (forward Euler by
// default; `method=exact` uses exact exponential integration with the input
// held constant over the step). `snn.step_neuron` is the single discrete-time
// neuron every model lowers to; its equations are the runtime's (quoted from
// runtime/plan/Plan.proto, NeuronOp).
//
// Common to all spiking ops: the threshold is strict (a spike when
// v > v_threshold); the reset happens in the same step; `reset` is one of
// zero (v = 0), to_reset (v = v_reset), subtract (v = v - z v_threshold) or
// none; `multi_spike` emits floor(v / v_threshold) spikes when
// v >= v_threshold (Sinabs); `v_min` floors v after the reset (Sinabs
// min_v_mem). `x[t]` is the summed input of the step.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_NEURON_OPS_TD
#define SNN_NEURON_OPS_TD

class SNN_NeuronOp<string mnemonic, list<Trait> traits = []>
    : SNN_Op<mnemonic, !listconcat([SNN_Stateful, SameOperandsAndResultType],
                                   traits)> {
  let results = (outs SNN_Signal:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
  let hasVerifier = 1;
}

defvar SNN_SpikeAttrs = (ins
    DefaultValuedAttr<SNN_ResetModeAttr, "::mlir::snn::ResetMode::ToReset">:$reset,
    UnitAttr:$multi_spike, OptionalAttr<F32Attr>:$v_min);

def SNN_IOp : SNN_NeuronOp<"i"> {
  let summary = "Integrator (NIR I)";
  let description = [{
    Continuous: `dv/dt = r x`. Output: v (no spikes).
    Euler and exact agree: `v[t] = v[t-1] + dt r x[t]`.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_ParamAttr:$r);
}

def SNN_IFOp : SNN_NeuronOp<"if"> {
  let summary = "Integrate-and-fire neuron (NIR IF)";
  let description = [{
    Continuous: `dv/dt = r x`; spike when v > v_threshold, then reset.
    Per step: `v[t] = v[t-1] + dt r x[t]`; `z[t] = v[t] > v_threshold`;
    reset and floor as in the file header. Output: z.
    ```mlir
    %s = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32,
                    reset = #snn<reset subtract>, multi_spike, v_min = -1.0 : f32}
        : tensor<16x16x16xf32>
    ```
  }];
  let arguments = !con((ins SNN_Signal:$input, SNN_ParamAttr:$r,
                            SNN_ParamAttr:$v_threshold, SNN_ParamAttr:$v_reset),
                       SNN_SpikeAttrs);
}

def SNN_LIOp : SNN_NeuronOp<"li"> {
  let summary = "Leaky integrator (NIR LI)";
  let description = [{
    Continuous: `tau dv/dt = (v_leak - v) + r x`. Output: v (no spikes).
    Euler: `v[t] = v[t-1] + dt/tau (v_leak - v[t-1] + r x[t])`.
    Exact: `v[t] = e^(-dt/tau) v[t-1] + (1 - e^(-dt/tau)) (v_leak + r x[t])`.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_ParamAttr:$tau, SNN_ParamAttr:$r,
                       SNN_ParamAttr:$v_leak);
}

def SNN_LIFOp : SNN_NeuronOp<"lif"> {
  let summary = "Leaky integrate-and-fire neuron (NIR LIF)";
  let description = [{
    Continuous: `tau dv/dt = (v_leak - v) + r x`; spike when v > v_threshold,
    then reset. Per step (Euler):
    `v[t] = v[t-1] + dt/tau (v_leak - v[t-1] + r x[t])`,
    `z[t] = v[t] > v_threshold`, then reset and floor. Output: z.
    An input spike (x = 1 for one step) thus adds `dt/tau r` to v, which is
    how snnTorch, Norse and SpiNNaker 2 match the exact solution on the NIR
    paper's LIF test.
  }];
  let arguments = !con((ins SNN_Signal:$input, SNN_ParamAttr:$tau,
                            SNN_ParamAttr:$r, SNN_ParamAttr:$v_leak,
                            SNN_ParamAttr:$v_threshold, SNN_ParamAttr:$v_reset),
                       SNN_SpikeAttrs);
}

def SNN_CubaLIOp : SNN_NeuronOp<"cuba_li"> {
  let summary = "Current-based leaky integrator (NIR CubaLI)";
  let description = [{
    Continuous: `tau_syn di/dt = -i + w_in x`, `tau_mem dv/dt = (v_leak - v) + r i`.
    Per step (Euler), using the new current:
    `i[t] = i[t-1] + dt/tau_syn (-i[t-1] + w_in x[t])`,
    `v[t] = v[t-1] + dt/tau_mem (v_leak - v[t-1] + r i[t])`. Output: v.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_ParamAttr:$tau_syn,
                       SNN_ParamAttr:$tau_mem, SNN_ParamAttr:$r,
                       SNN_ParamAttr:$v_leak, SNN_ParamAttr:$w_in);
}

def SNN_CubaLIFOp : SNN_NeuronOp<"cuba_lif"> {
  let summary = "Current-based leaky integrate-and-fire neuron (NIR CubaLIF)";
  let description = [{
    As `snn.cuba_li`, plus `z[t] = v[t] > v_threshold`, reset and floor.
    Output: z. With the snnTorch exporter's parameters (tau_syn =
    dt/(1-alpha), w_in = tau_syn/dt, tau_mem = dt/(1-beta), r = tau_mem/dt)
    the Euler step is snnTorch's `i = alpha i + x; v = beta v + i`.
  }];
  let arguments = !con((ins SNN_Signal:$input, SNN_ParamAttr:$tau_syn,
                            SNN_ParamAttr:$tau_mem, SNN_ParamAttr:$r,
                            SNN_ParamAttr:$v_leak, SNN_ParamAttr:$w_in,
                            SNN_ParamAttr:$v_threshold, SNN_ParamAttr:$v_reset),
                       SNN_SpikeAttrs);
}

def SNN_ALIFOp : SNN_NeuronOp<"alif"> {
  let summary = "Adaptive LIF neuron (LSNN / e-prop threshold adaptation)";
  let description = [{
    A LIF whose threshold rises with each spike (Bellec et al. 2018, 2020):
    `tau dv/dt = (v_leak - v) + r x`, `tau_adapt da/dt = -a` plus one per
    spike, effective threshold `v_threshold + beta a`. Per step (Euler):
    `v[t] = v[t-1] + dt/tau (v_leak - v[t-1] + r x[t])`,
    `z[t] = v[t] > v_threshold + beta a[t-1]`, reset (subtract uses the
    effective threshold), `a[t] = (1 - dt/tau_adapt) a[t-1] + z[t]`.
    Exact integration uses `e^(-dt/tau_adapt)` as the adaptation decay.
  }];
  let arguments = !con((ins SNN_Signal:$input, SNN_ParamAttr:$tau,
                            SNN_ParamAttr:$tau_adapt, SNN_ParamAttr:$r,
                            SNN_ParamAttr:$v_leak, SNN_ParamAttr:$v_threshold,
                            SNN_ParamAttr:$v_reset, SNN_ParamAttr:$beta),
                       SNN_SpikeAttrs);
}

def SNN_DelayOp : SNN_NeuronOp<"delay"> {
  let summary = "Per-element transmission delay in seconds (NIR Delay)";
  let description = [{
    `y(t) = x(t - delay)`. `--snn-discretize` rounds `delay / dt` to the
    nearest whole step and produces `snn.step_delay`.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_ParamAttr:$delay);
}

//===----------------------------------------------------------------------===//
// Step-level (discrete) ops
//===----------------------------------------------------------------------===//

def SNN_StepDelayOp : SNN_NeuronOp<"step_delay"> {
  let summary = "Per-element delay in whole steps";
  let description = [{
    `y[t] = x[t - steps]` (zero for `t < steps`). `steps` has one entry for
    the population or one per element (row-major). A delay of 0 is a wire.
  }];
  let arguments = (ins SNN_Signal:$input, DenseI64ArrayAttr:$steps);
}

def SNN_StepNeuronOp : SNN_NeuronOp<"step_neuron"> {
  let summary = "The discrete-time neuron all neuron models lower to";
  let description = [{
    Per step t, with x[t] the summed input (each parameter one f32 or one per
    neuron):
    ```
    i[t] = syn_decay i[t-1] + syn_gain x[t]    (when syn_decay is present)
    i[t] = syn_gain x[t]                       (otherwise)
    v[t] = mem_decay v[t-1] + mem_gain i[t] + mem_bias
    theta = threshold + adapt_gain a[t-1]     (adaptive: adapt_* present)
    z[t] = v[t] > theta                        (single spike, strict)
    z[t] = v[t] >= theta ? floor(v[t] / theta) : 0      (multi_spike)
    reset: zero v = 0 | to_reset v = v_reset | subtract v -= z theta | none
           (zero/to_reset apply where z > 0)
    v[t] = max(v[t], v_min)                    (when v_min is present)
    a[t] = adapt_decay a[t-1] + z[t]           (adaptive)
    ```
    Output: z when `threshold` is present, else v[t]. Without `threshold` the
    spike, reset and adaptation attributes must be absent.
  }];
  let arguments = (ins SNN_Signal:$input,
                       OptionalAttr<SNN_ParamAttr>:$syn_decay,
                       SNN_ParamAttr:$syn_gain, SNN_ParamAttr:$mem_decay,
                       SNN_ParamAttr:$mem_gain, SNN_ParamAttr:$mem_bias,
                       OptionalAttr<SNN_ParamAttr>:$threshold,
                       DefaultValuedAttr<SNN_ResetModeAttr,
                                         "::mlir::snn::ResetMode::None">:$reset,
                       OptionalAttr<SNN_ParamAttr>:$v_reset,
                       UnitAttr:$multi_spike, OptionalAttr<F32Attr>:$v_min,
                       OptionalAttr<SNN_ParamAttr>:$adapt_decay,
                       OptionalAttr<SNN_ParamAttr>:$adapt_gain);
}

#endif // SNN_NEURON_OPS_TD
