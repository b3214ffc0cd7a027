//===- SNNHWOps.td - snn_hw dialect ops ---------------------------------------===//
#ifndef SNN_HW_OPS_TD
#define SNN_HW_OPS_TD

include "dialects/snn_hw/SNNHWDialect.td"
include "mlir/IR/SymbolInterfaces.td"

def SNNHW_BoardOp : SNNHW_Op<"board", [
    Symbol, SymbolTable, IsolatedFromAbove, SingleBlock, NoTerminator,
    NoRegionArguments, HasParent<"::mlir::ModuleOp">
  ]> {
  let summary = "The hardware one mapped network runs on";
  let description = [{
    A board holds the mapping of the `snn.network` named by `network` onto
    the target named by `target`: its chips, cores, neuron slices and routes
    (the ops of its body, in artifact order). `grid` is the board's grid of
    chips (width, height); `torus` says its links wrap around. `routing`
    says how spikes travel:

    * `mesh` (Loihi style): each route carries the hop count of its
      dimension-order path to every destination.
    * `multicast` (SpiNNaker style): each route carries the source core's
      key/mask; `snn_hw.router_table` ops hold every chip's table.
    * `direct` (Speck style): a core sends straight to its destinations.

    `cores_lower_bound` and `inter_core_packets` (packets per step if every
    neuron spiked once) are the mapper's figures for the report.

    Verified across the body: `network` names an `snn.network`; `target`
    and the cores' "neurons" and "fan-in" capacities agree with the module's
    `snn.target` description when it has one; chips sit at
    distinct coordinates inside the grid; each core's chip exists, its number
    is below the chip's core count and no two cores share one; each slice's
    core and layer exist; the slices of a layer are disjoint and cover it,
    and every neuron layer (stateful op other than a delay) has slices; a
    core's `neurons` use equals the neurons of its neuron-layer slices; every
    route endpoint is a core; a synapse table's projection and layer are ops
    of the network, its rows a slice of the layer on its core and its axons
    inside the projection's input; multicast keys of different routes do not
    overlap; at most one router table per chip.

    Example:
    ```mlir
    snn_hw.board @braille_loihi for @braille target "loihi" routing mesh grid [1, 1] {
      snn_hw.chip @chip_0_0 at (0, 0) cores 128 mesh [8, 16]
      snn_hw.core @core0 on @chip_0_0 index 0 use [#snn_hw.use<"neurons", 45, 1024>]
      snn_hw.neuron_slice @core0 "lif1.lif" [0, 38)
      snn_hw.neuron_slice @core0 "output" [0, 7)
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       FlatSymbolRefAttr:$network,
                       StrAttr:$target,
                       SNNHW_RoutingKind:$routing,
                       DenseI32ArrayAttr:$grid,
                       UnitAttr:$torus,
                       OptionalAttr<I64Attr>:$cores_lower_bound,
                       OptionalAttr<F64Attr>:$inter_core_packets);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `for` $network `target` $target `routing` $routing `grid` $grid
    (`torus` $torus^)? attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBlock() { return getBody().front(); }
  }];
}

def SNNHW_ChipOp : SNNHW_Op<"chip", [Symbol, HasParent<"BoardOp">]> {
  let summary = "A chip of the board, at (x, y) of the board's chip grid";
  let description = [{
    `cores` is the number of cores the chip has (core numbers 0 to
    cores - 1; on SpiNNaker core 0 is the monitor). `mesh` (mesh routing) is
    the shape of the chip's core mesh (cores along x, rows along y); core
    number n sits at (n mod x, n div x). `router` (multicast routing) is the
    number of entries the chip's router table holds.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, I64Attr:$x, I64Attr:$y,
                       I64Attr:$cores, OptionalAttr<DenseI32ArrayAttr>:$mesh,
                       OptionalAttr<I64Attr>:$router_entries);
  let assemblyFormat = [{
    $sym_name `at` ` ` `(` $x `,` $y `)` `cores` $cores (`mesh` $mesh^)?
    (`router` $router_entries^)? attr-dict
  }];
  let hasVerifier = 1;
}

def SNNHW_CoreOp : SNNHW_Op<"core", [Symbol, HasParent<"BoardOp">]> {
  let summary = "A core in use: its chip, its number there, its resource use";
  let description = [{
    `use` lists the core's resources, each used against the capacity the
    target description gives (`#snn_hw.use<"neurons", 16, 1024>`; capacity 0:
    no published limit). Verified: no resource is used beyond its capacity,
    and no use is negative. Cores appear in the order of the artifact's core
    list.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefAttr:$chip,
                       I64Attr:$index,
                       TypedArrayAttrBase<SNNHW_UseAttr, "resource uses">:$use);
  let assemblyFormat = "$sym_name `on` $chip `index` $index `use` $use attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The `used` figure of resource `name`, if the core lists it.
    std::optional<int64_t> getUsed(::llvm::StringRef name);
  }];
}

def SNNHW_NeuronSliceOp : SNNHW_Op<"neuron_slice", [HasParent<"BoardOp">]> {
  let summary = "Neurons [begin, end) of one layer, computed on one core";
  let description = [{
    `layer` is the `snn.name` of an op of the board's network (a neuron
    population, or on Speck-style cores also the convolution and pool that
    run with it); `begin`/`end` index its flattened (row-major) neurons.
    Slices appear in the order the artifact lists them per core.
  }];
  let arguments = (ins FlatSymbolRefAttr:$core, StrAttr:$layer, I64Attr:$begin,
                       I64Attr:$end);
  let assemblyFormat = "$core $layer ` ` `[` $begin `,` $end `)` attr-dict";
  let hasVerifier = 1;
}

def SNNHW_SynapseTableOp : SNNHW_Op<"synapse_table", [HasParent<"BoardOp">]> {
  let summary = "The synapses one core stores for one projection";
  let description = [{
    Synapses live at the post-synaptic core. This table says that `core`
    stores the weights of `projection` (an op of the network, by name) into
    neurons [begin, end) of `layer`, which must be a slice of `layer` on the
    same core: `synapses` non-zero weights, reached through `axons`, the
    ranges [b0, e0, b1, e1, ...] of the projection's flattened input that
    have at least one of them (the input axons the core must receive). The
    weights themselves stay in the network. Verified: ranges sorted,
    disjoint, non-empty and inside the input; no more synapses than rows
    times axons; projection, layer and slice exist.
  }];
  let arguments = (ins FlatSymbolRefAttr:$core, StrAttr:$projection,
                       StrAttr:$layer, I64Attr:$begin, I64Attr:$end,
                       I64Attr:$synapses, DenseI64ArrayAttr:$axons);
  let assemblyFormat = [{
    $core $projection `->` $layer ` ` `[` $begin `,` $end `)` `synapses`
    $synapses `axons` $axons attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Input axons the table lists (the sum of its ranges).
    int64_t getNumAxons();
  }];
}

def SNNHW_RouteOp : SNNHW_Op<"route", [HasParent<"BoardOp">]> {
  let summary = "Spikes of one core to its destination cores";
  let description = [{
    Every spike of a neuron on `from` that has a synapse on a core of `to`
    travels there. Mesh routing: `hops[i]` is the hop count of the
    dimension-order path to `to[i]`. Multicast routing: `key` is the source
    core's routing key and mask (no key bit outside the mask);
    the chips' router tables carry the packets. Direct routing (Speck): at
    most 2 destinations per core. Destinations are distinct.
  }];
  let arguments = (ins FlatSymbolRefAttr:$from, FlatSymbolRefArrayAttr:$to,
                       OptionalAttr<DenseI32ArrayAttr>:$hops,
                       OptionalAttr<SNNHW_KeyMaskAttr>:$key);
  let assemblyFormat = [{
    $from `->` $to (`hops` $hops^)? (`key` $key^)? attr-dict
  }];
  let hasVerifier = 1;
}

def SNNHW_RouterTableOp : SNNHW_Op<"router_table", [HasParent<"BoardOp">]> {
  let summary = "A chip's key/mask router table (multicast routing)";
  let description = [{
    Entries in match order (`#snn_hw.entry<key, mask, route>`). Verified:
    each key inside its mask, route bits only for the 6 links and 18 cores of
    a SpiNNaker-style router, and (on the board) no more entries than the
    chip's router holds.
  }];
  let arguments = (ins FlatSymbolRefAttr:$chip,
                       TypedArrayAttrBase<SNNHW_RouterEntryAttr,
                                          "router entries">:$entries);
  let assemblyFormat = "$chip $entries attr-dict";
  let hasVerifier = 1;
}

#endif // SNN_HW_OPS_TD
