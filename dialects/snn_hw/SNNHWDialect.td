//===- SNNHWDialect.td - The snn_hw dialect and its attributes ---------------===//
//
// The mapped hardware: a board of chips, the cores in use, which neurons each
// core runs, and how spikes travel between cores. Targets emit their artifact
// from these ops; docs/snn-hw-dialect.md gives the rationale.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_HW_DIALECT_TD
#define SNN_HW_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def SNNHW_Dialect : Dialect {
  let name = "snn_hw";
  let cppNamespace = "::mlir::snn_hw";
  let summary = "A spiking network mapped onto neuromorphic hardware";
  let description = [{
    `snn_hw` describes where a quantized `snn.network` runs: an
    `snn_hw.board` (one per mapped network) holds the chips in use
    (`snn_hw.chip`, at their coordinates in the board's grid of chips), the
    cores in use (`snn_hw.core`, by chip and core number, with their resource
    use against the target's capacities), the neurons every core runs
    (`snn_hw.neuron_slice`: a range of one layer's neurons, the layer named
    by its `snn.name`), and the routing (`snn_hw.route` from a core to its
    destination cores, with mesh hops or a multicast key/mask, and
    `snn_hw.router_table` for chips that route by key).

    The behaviour stays in the `snn.network` the board refers to: a slice
    says *where* neurons are computed, never *what* they compute. Mapping
    passes (`--snn-map`) produce a board; target emitters
    (`snn-translate --emit=<target>`) read only the board and the network.
  }];
  let useDefaultAttributePrinterParser = 1;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def SNNHW_RoutingKind : I32EnumAttr<"RoutingKind",
    "how spikes travel between the board's cores", [
    I32EnumAttrCase<"Mesh", 0, "mesh">,
    I32EnumAttrCase<"Multicast", 1, "multicast">,
    I32EnumAttrCase<"Direct", 2, "direct">
  ]> {
  let cppNamespace = "::mlir::snn_hw";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class SNNHW_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<SNNHW_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def SNNHW_UseAttr : SNNHW_Attr<"Use", "use"> {
  let summary = "How much of one core resource is used, and the capacity";
  let description = [{
    `#snn_hw.use<"neurons", 16, 1024>`: 16 of the core's 1024 neurons are in
    use. A capacity of 0 means the target publishes no limit for it. The
    capacity comes from the target description when the mapping is lowered.
  }];
  let parameters = (ins StringRefParameter<"resource name">:$resource,
                        "int64_t":$used, "int64_t":$capacity);
  let assemblyFormat = "`<` $resource `,` $used `,` $capacity `>`";
}

def SNNHW_KeyMaskAttr : SNNHW_Attr<"KeyMask", "key"> {
  let summary = "A 32-bit multicast routing key and its mask";
  let description = [{
    `#snn_hw.key<0x00000008, 0xfffffff8>`: packets whose key ANDed with the
    mask equals the key (here neurons 8 to 15 of a source). Printed in hex.
  }];
  let parameters = (ins "uint32_t":$key, "uint32_t":$mask);
  let hasCustomAssemblyFormat = 1;
}

def SNNHW_RouterEntryAttr : SNNHW_Attr<"RouterEntry", "entry"> {
  let summary = "One key/mask router table entry";
  let description = [{
    `#snn_hw.entry<0x00000000, 0xfffffff8 -> 0x001f00>`: a packet whose key
    ANDed with the mask equals the key leaves on the links and cores set in
    the route word (SpiNNaker: bits 0-5 the links E, NE, N, W, SW, S; bit
    6 + c core c). Printed in hex.
  }];
  let parameters = (ins "uint32_t":$key, "uint32_t":$mask, "uint32_t":$route);
  let hasCustomAssemblyFormat = 1;
}

class SNNHW_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNNHW_Dialect, mnemonic, traits>;

#endif // SNN_HW_DIALECT_TD
