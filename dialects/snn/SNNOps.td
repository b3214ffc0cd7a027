//===- SNNOps.td - snn dialect: network structure and synapse ops -----------===//
//
// The network container, its terminator, and the stateless (synapse) ops.
// Neuron and delay ops live in SNNNeuronOps.td.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_OPS_TD
#define SNN_OPS_TD

include "dialects/snn/SNNDialect.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

//===----------------------------------------------------------------------===//
// Structure
//===----------------------------------------------------------------------===//

def SNN_NetworkOp : SNN_Op<"network", [
    FunctionOpInterface, IsolatedFromAbove, Symbol, OpAsmOpInterface,
    RegionKindInterface, SingleBlock, HasOnlyGraphRegion,
    SingleBlockImplicitTerminator<"OutputOp">
  ]> {
  let summary = "A spiking network: a graph of populations and projections";
  let description = [{
    A network is stepped in discrete time with step `dt` (seconds, explicit and
    required: NIR files do not store it). Arguments are the network inputs and
    results its outputs; each is one step's signal. `arg_attrs`/`res_attrs`
    carry the user's names as `snn.name`.

    The body is a *graph region*: ops may use values defined later, so a
    recurrent edge is a plain SSA use. Each step evaluates every op once, in
    this order: a depth-first walk from the results through operands (in
    operand order, then any op not reached, in block order), each op emitted
    after its operands (post-order). An operand whose producer is still on the
    walk's stack closes a cycle: it reads the producer's value of the previous
    step (zero at step 0). Every cycle must pass through a stateful op (a
    neuron or a delay); the verifier rejects one that does not, since it would
    be an algebraic loop.

    Example:
    ```mlir
    snn.network @rec(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-04 : f64} {
      %x = snn.add %w, %r : tensor<2xf32>
      %w = snn.linear %in {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
      %s = snn.lif %x {...} : tensor<2xf32>
      %r = snn.linear %s {weight = dense<0.5> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
      snn.output %s : tensor<2xf32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       F64Attr:$dt,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region SizedRegion<1>:$body);

  let builders = [OpBuilder<(ins "StringRef":$name, "FunctionType":$type,
                                 "double":$dt)>];
  let extraClassDeclaration = [{
    ::mlir::Region *getCallableRegion() { return &getBody(); }
    ArrayRef<Type> getArgumentTypes() { return getFunctionType().getInputs(); }
    ArrayRef<Type> getResultTypes() { return getFunctionType().getResults(); }
    static StringRef getDefaultDialect() { return "snn"; }
    void getAsmBlockArgumentNames(::mlir::Region &region,
                                  ::mlir::OpAsmSetValueNameFn setNameFn);
    /// The user's name of input `i` / result `i` ("" when absent).
    StringRef getInputName(unsigned i);
    StringRef getOutputName(unsigned i);
    OutputOp getOutputOp();
  }];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def SNN_OutputOp : SNN_Op<"output", [Terminator, HasParent<"NetworkOp">]> {
  let summary = "The network's results for the step";
  let description = [{
    `snn.output %a, %b : T1, T2` ends a network body; its operands are the
    network results, in order.
  }];
  let arguments = (ins Variadic<SNN_Signal>:$operands);
  let builders = [OpBuilder<(ins), [{ }]>];
  let assemblyFormat = "attr-dict ($operands^ `:` type($operands))?";
  let hasVerifier = 1;
}

def SNN_AddOp : SNN_Op<"add", [SameOperandsAndResultType]> {
  let summary = "Element-wise sum of several edges into one node";
  let description = [{
    `y = x_1 + x_2 + ... + x_n`. NIR sums the values of all edges that end in
    the same node; the importer makes that sum explicit with this op.
    ```mlir
    %x = snn.add %a, %b : tensor<38xf32>
    ```
  }];
  let arguments = (ins Variadic<SNN_Signal>:$inputs);
  let results = (outs SNN_Signal:$output);
  let assemblyFormat = "$inputs attr-dict `:` type($output)";
}

def SNN_ZeroOp : SNN_Op<"zero"> {
  let summary = "A signal that is zero at every step";
  let description = [{
    Drives a node that has no incoming edge (NIR allows such nodes).
    ```mlir
    %z = snn.zero : tensor<3xf32>
    ```
  }];
  let results = (outs SNN_Signal:$output);
  let assemblyFormat = "attr-dict `:` type($output)";
}

//===----------------------------------------------------------------------===//
// Synapse (stateless) ops
//===----------------------------------------------------------------------===//

class SNN_UnaryOp<string mnemonic, list<Trait> traits = []>
    : SNN_Op<mnemonic, traits> {
  let results = (outs SNN_Signal:$output);
  let assemblyFormat =
      "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def SNN_AffineOp : SNN_UnaryOp<"affine"> {
  let summary = "Dense projection with bias (NIR Affine)";
  let description = [{
    `y[t] = W x[t] + b` with `W` of shape (out, in) and `b` of shape (out).
    Input and output are 1-d. Without a bias this is `snn.linear`.
    ```mlir
    %y = snn.affine %x {weight = dense<...> : tensor<38x12xf32>,
                        bias = dense<...> : tensor<38xf32>}
        : tensor<12xf32> -> tensor<38xf32>
    ```
  }];
  let arguments = (ins SNN_Signal:$input, SNN_F32ElementsAttr:$weight,
                       SNN_F32ElementsAttr:$bias);
}

def SNN_LinearOp : SNN_UnaryOp<"linear"> {
  let summary = "Dense projection without bias (NIR Linear)";
  let description = [{
    `y[t] = W x[t]` with `W` of shape (out, in); input and output are 1-d.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_F32ElementsAttr:$weight);
}

def SNN_ScaleOp : SNN_UnaryOp<"scale"> {
  let summary = "Element-wise scaling (NIR Scale)";
  let description = [{
    `y[t] = s * x[t]`; `s` is one f32 or has the input's shape.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_ParamAttr:$scale);
}

def SNN_Conv1dOp : SNN_UnaryOp<"conv1d"> {
  let summary = "1-d convolution (NIR Conv1d)";
  let description = [{
    Cross-correlation as PyTorch's `Conv1d` with zero padding, per step:
    input (Cin, L), `weight` (Cout, Cin/groups, K), optional `bias` (Cout),
    output (Cout, Lo) with
    `Lo = floor((L + 2 padding - dilation (K - 1) - 1) / stride) + 1`.
    `y[co, l] = b[co] + sum_{ci in group(co), k} W[co, ci, k] x[ci, l stride + k dilation - padding]`.
  }];
  let arguments = (ins SNN_Signal:$input, SNN_F32ElementsAttr:$weight,
                       OptionalAttr<SNN_F32ElementsAttr>:$bias,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation, I64Attr:$groups);
}

def SNN_Conv2dOp : SNN_UnaryOp<"conv2d"> {
  let summary = "2-d convolution (NIR Conv2d)";
  let description = [{
    Cross-correlation as PyTorch's `Conv2d` with zero padding, per step:
    input (Cin, H, W), `weight` (Cout, Cin/groups, kH, kW), optional `bias`
    (Cout), output (Cout, Ho, Wo) with, per spatial axis d,
    `Out_d = floor((In_d + 2 padding_d - dilation_d (k_d - 1) - 1) / stride_d) + 1`.
    ```mlir
    %y = snn.conv2d %x {weight = dense<...> : tensor<16x2x5x5xf32>, bias = ...,
                        stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
                        dilation = array<i64: 1, 1>, groups = 1 : i64}
        : tensor<2x34x34xf32> -> tensor<16x16x16xf32>
    ```
  }];
  let arguments = (ins SNN_Signal:$input, SNN_F32ElementsAttr:$weight,
                       OptionalAttr<SNN_F32ElementsAttr>:$bias,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation, I64Attr:$groups);
}

class SNN_Pool2dOp<string mnemonic> : SNN_UnaryOp<mnemonic> {
  let arguments = (ins SNN_Signal:$input, DenseI64ArrayAttr:$kernel_size,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding);
}

def SNN_SumPool2dOp : SNN_Pool2dOp<"sum_pool2d"> {
  let summary = "2-d sum pooling (NIR SumPool2d)";
  let description = [{
    Input (C, H, W), zero padding, per channel
    `y[c, i, j] = sum_{a < kH, b < kW} x[c, i stride_0 + a - padding_0, j stride_1 + b - padding_1]`;
    output sizes as for `snn.conv2d` with dilation 1.
  }];
}

def SNN_AvgPool2dOp : SNN_Pool2dOp<"avg_pool2d"> {
  let summary = "2-d average pooling (NIR AvgPool2d)";
  let description = [{
    As `snn.sum_pool2d`, divided by `kH * kW` (padded zeros count, as
    PyTorch's default `count_include_pad=True`).
  }];
}

def SNN_MaxPool2dOp : SNN_Pool2dOp<"max_pool2d"> {
  let summary = "2-d max pooling (ONNX MaxPool, PyTorch MaxPool2d)";
  let description = [{
    Input (C, H, W), per channel
    `y[c, i, j] = max_{a < kH, b < kW} x[c, i stride_0 + a - padding_0, j stride_1 + b - padding_1]`
    where padded positions are skipped (as if -inf, ONNX and PyTorch
    semantics); output sizes as for `snn.conv2d` with dilation 1 (floor,
    no ceil mode). Every padding entry must be < its kernel size, so each
    window holds at least one input element. An ANN op: converting it to
    spikes is the business of `--snn-convert-ann`.
    ```mlir
    %y = snn.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                            padding = array<i64: 0, 0>}
        : tensor<16x28x28xf32> -> tensor<16x14x14xf32>
    ```
  }];
}

def SNN_ReluOp : SNN_Op<"relu", [SameOperandsAndResultType]> {
  let summary = "Rectified linear unit (ONNX Relu), for ANN networks";
  let description = [{
    `y = max(x, 0)` element-wise (`y = 0` for `x = -0`; NaN stays NaN).
    Stateless: in an ANN network (`snn.ann`) it is the activation the
    ANN-to-SNN conversion turns into an IF population with reset by
    subtraction.
    ```mlir
    %y = snn.relu %x : tensor<16x14x14xf32>
    ```
  }];
  let arguments = (ins SNN_Signal:$input);
  let results = (outs SNN_Signal:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def SNN_FlattenOp : SNN_UnaryOp<"flatten"> {
  let summary = "Merge dimensions start_dim..end_dim (NIR Flatten)";
  let description = [{
    Element order is unchanged (row-major). Dimensions index the un-batched
    input shape; negative values count from the end.
  }];
  let arguments = (ins SNN_Signal:$input, I64Attr:$start_dim, I64Attr:$end_dim);
}

def SNN_SparseProjectionOp : SNN_UnaryOp<"sparse_projection"> {
  let summary = "Sparse projection with CSR weights, for large networks";
  let description = [{
    `y[t][r] = sum_{k in row_ptr[r] .. row_ptr[r+1]-1} values[k] x[t][cols[k]]`.
    Input and output are 1-d; `row_ptr` has out+1 non-decreasing entries
    starting at 0 and ending at nnz; `cols` and `values` have nnz entries.
    ```mlir
    %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 2>,
        cols = array<i32: 1, 0>, values = dense<[0.5, 2.0]> : tensor<2xf32>}
        : tensor<2xf32> -> tensor<2xf32>
    ```
  }];
  let arguments = (ins SNN_Signal:$input, DenseI32ArrayAttr:$row_ptr,
                       DenseI32ArrayAttr:$cols, SNN_F32ElementsAttr:$values);
}

def SNN_ThresholdOp : SNN_UnaryOp<"threshold", [SameOperandsAndResultType]> {
  let summary = "Heaviside threshold (NIR Threshold)";
  let description = [{
    `z[t] = 1 if x[t] > threshold else 0` (strict, so `x == threshold` gives 0,
    the same convention as the neuron ops).
  }];
  let arguments = (ins SNN_Signal:$input, SNN_ParamAttr:$threshold);
}

include "dialects/snn/SNNNeuronOps.td"
include "dialects/snn/SNNFixedOps.td"

#endif // SNN_OPS_TD
