//===- SNNDialect.td - The snn dialect, its enums and constraints ------------===//
//
// Shared definitions for the snn dialect: the dialect itself, the reset-mode
// enum, the parameter attribute constraint and the op base classes.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_DIALECT_TD
#define SNN_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def SNN_Dialect : Dialect {
  let name = "snn";
  let cppNamespace = "::mlir::snn";
  let summary = "Spiking neural networks with exact discrete-time semantics";
  let description = [{
    The `snn` dialect describes a trained spiking neural network as a graph of
    populations (neuron ops) and projections (synapse ops) inside an
    `snn.network`. Values are per-step signals: a `tensor<...xf32>` holds the
    value one node produces in one time step (spikes are 0/1, or counts with
    multi-spike; non-spiking neurons output their membrane voltage).

    Two levels live in the dialect:
    * NIR-level ops (`snn.lif`, `snn.cuba_lif`, `snn.delay`, ...) carry the
      continuous-time parameters of the NIR primitives (seconds, ohms).
    * Step-level ops (`snn.step_neuron`, `snn.step_delay`) carry per-step
      constants. `--snn-discretize` turns the first into the second for the
      network's explicit `dt`, so the discretisation rule is never implicit.

    Evaluation order within a step is defined on `snn.network`.

    ANN networks: an `snn.network` with the unit attribute `snn.ann` is a
    conventional (non-spiking) network, e.g. imported from ONNX. It is
    evaluated in one pass per input (no time, no spikes): it holds no
    stateful op (neuron or delay), its `dt` is 1.0 by convention (one
    evaluation = one step; the conversion to an SNN then integrates each
    layer's input once per step with r = 1), and `--snn-convert-ann` turns it
    into a spiking network (dropping the marker). ANN-only ops: `snn.relu`,
    `snn.max_pool2d`.

    Names: an op's `snn.name` string attribute is the name the user knows the
    node by (the NIR node name, e.g. "lif1.lif"); `snn-run --record` and the
    runtime plan use it. Importers also put the name into the op's location
    (`loc("lif1.lif"("model.nir":0:0))`) so diagnostics point at the node.
  }];
  let useDefaultAttributePrinterParser = 1;
  // Verifies the discardable `snn.ann` marker (SNNDialect.cpp).
  let hasOperationAttrVerify = 1;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def SNN_ResetMode : I32EnumAttr<"ResetMode", "what a spike does to the membrane", [
    I32EnumAttrCase<"Zero", 0, "zero">,
    I32EnumAttrCase<"ToReset", 1, "to_reset">,
    I32EnumAttrCase<"Subtract", 2, "subtract">,
    I32EnumAttrCase<"None", 3, "none">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::snn";
}
def SNN_ResetModeAttr : EnumAttr<SNN_Dialect, SNN_ResetMode, "reset">;

//===----------------------------------------------------------------------===//
// Constraints
//===----------------------------------------------------------------------===//

// Upstream defines F64ElementsAttr but no 32-bit counterpart.
def SNN_F32ElementsAttr : FloatElementsAttr<32>;

/// A neuron or synapse parameter: one f32 for the whole population, or a dense
/// f32 tensor with exactly the population's shape. Verifiers check the shape.
def SNN_ParamAttr : Attr<Or<[F32Attr.predicate, SNN_F32ElementsAttr.predicate]>,
                          "f32 scalar or per-neuron f32 tensor"> {
  let storageType = "::mlir::Attribute";
  let returnType = "::mlir::Attribute";
  let convertFromStorage = "$_self";
}

/// A per-step signal: a statically shaped f32 tensor.
def SNN_Signal : StaticShapeTensorOf<[F32]>;

/// Marks ops that hold state from one step to the next. A cycle in a network
/// must pass through at least one of them.
def SNN_Stateful : NativeOpTrait<"Stateful"> {
  let cppNamespace = "::mlir::OpTrait::snn";
}

class SNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNN_Dialect, mnemonic, traits>;

#endif // SNN_DIALECT_TD
