//===- SNNFixedOps.td - snn dialect: fixed-point neuron families -----------===//
//
// What --snn-quantize produces: neurons in a chip family's integer
// arithmetic. Their input is the integer sum of upstream synapse ops whose
// weights are integer mantissas. The equations are the runtime's (quoted from
// runtime/plan/Plan.proto, where the engines implement them bit for bit).
// `v_scale` is integer state units per float unit of the source model.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_FIXED_OPS_TD
#define SNN_FIXED_OPS_TD

/// One i32 for the population or a dense i32 tensor of its shape.
def SNN_IntParamAttr : Attr<Or<[I32Attr.predicate, I32ElementsAttr.predicate]>,
                            "i32 scalar or per-neuron i32 tensor"> {
  let storageType = "::mlir::Attribute";
  let returnType = "::mlir::Attribute";
  let convertFromStorage = "$_self";
}

def SNN_LoihiNeuronOp : SNN_NeuronOp<"loihi_neuron"> {
  let summary = "Loihi-style CUBA LIF in Lava's bit-accurate fixed point";
  let description = [{
    Per step, x the integer input (sum of weight mantissas times spikes):
    ```
    a  = weight_exp >= 0 ? x << weight_exp : floor(x / 2^-weight_exp)  (Lava's right_shift)
    u' = u (4096 - (du + 1));  u = sgn(u') (|u'| >> 12) + (a << 6), wrapped into (-2^23, 2^23]
    v' = v (4096 - dv);        v = sgn(v') (|v'| >> 12) + u + (bias_mant << bias_exp)
    v  = clip(v, -(2^23 - 1), 2^23 - 1)
    z  = spiking and v > (vth_mant << 6);  where z: v = 0
    ```
    Output: z, or v when not spiking. Ranges: du, dv 0..4095; vth_mant
    0..2^17-1; bias_mant -4096..4095; bias_exp 0..7; weight_exp -8..7.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_IntParamAttr:$du,
                       SNN_IntParamAttr:$dv, SNN_IntParamAttr:$vth_mant,
                       SNN_IntParamAttr:$bias_mant, SNN_IntParamAttr:$bias_exp,
                       SNN_IntParamAttr:$weight_exp,
                       DefaultValuedAttr<BoolAttr, "true">:$spiking,
                       F64Attr:$v_scale);
}

def SNN_SpinnakerNeuronOp : SNN_NeuronOp<"spinnaker_neuron"> {
  let summary = "SpiNNaker-style neuron in s16.15 fixed point";
  let description = [{
    All constants and state are s16.15 raw integers (value = raw / 2^15).
    Per step, x the integer input:
    ```
    in = x << input_shift
    i  = syn_decay present ? mul(syn_decay, i) + in : in
    v  = mul(mem_decay, v) + mul(mem_gain, i) + mem_bias
    mul(a, b) = (a b + 2^14) >> 15; sums saturate to int32
    z  = threshold present and v >= threshold (sPyNNaker's static threshold); reset as `reset`
    ```
    Output: z, or v without a threshold.
  }];
  let arguments = (ins SNN_Signal:$input,
                       OptionalAttr<SNN_IntParamAttr>:$syn_decay,
                       SNN_IntParamAttr:$mem_decay, SNN_IntParamAttr:$mem_gain,
                       SNN_IntParamAttr:$mem_bias,
                       OptionalAttr<SNN_IntParamAttr>:$threshold,
                       SNN_IntParamAttr:$v_reset,
                       DefaultValuedAttr<SNN_ResetModeAttr,
                                         "::mlir::snn::ResetMode::None">:$reset,
                       SNN_IntParamAttr:$input_shift, F64Attr:$v_scale);
}

def SNN_SpeckNeuronOp : SNN_NeuronOp<"speck_neuron"> {
  let summary = "Speck-style integrate-and-fire neuron, 16-bit state";
  let description = [{
    Per step, x the integer input:
    ```
    v = sat16(v + x)
    z = v >= threshold ? (multi_spike ? floor(v / threshold) : 1) : 0
    v = max(v - z threshold, v_min)
    ```
    Output: z. threshold 1..32767, v_min -32768..0.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_IntParamAttr:$threshold,
                       I32Attr:$v_min, UnitAttr:$multi_spike,
                       F64Attr:$v_scale);
}

#endif // SNN_FIXED_OPS_TD
