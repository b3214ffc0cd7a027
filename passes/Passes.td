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

#endif // SNN_PASSES_TD
