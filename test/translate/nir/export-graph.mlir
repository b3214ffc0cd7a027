// Tests how --export-nir maps a network onto NIR nodes and edges: an op
// without snn.name gets a generated name, snn.add becomes several edges into
// its consumer, an snn.zero input gives no edge (the importer feeds zero
// again), scalar parameters become per-neuron arrays (imported back as
// scalars), per-neuron ones stay arrays, and dt travels in the metadata.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: snn-translate --export-nir %s -o %t.d/export_graph.nir
// RUN: snn-translate --import-nir %t.d/export_graph.nir 2>&1 | FileCheck %s

snn.network @g(%in: tensor<3xf32> {snn.name = "input"}) -> (tensor<3xf32>, tensor<3xf32> {snn.name = "out"}) attributes {dt = 5.0e-4 : f64} {
  %z = zero : tensor<2xf32>
  %a = affine %z {weight = dense<1.0> : tensor<3x2xf32>, bias = dense<0.5> : tensor<3xf32>} : tensor<2xf32> -> tensor<3xf32>
  %l = linear %0 {weight = dense<0.25> : tensor<3x3xf32>, snn.name = "rec"} : tensor<3xf32> -> tensor<3xf32>
  %s = add %in, %l, %a : tensor<3xf32>
  %0 = lif %s {r = 1.0 : f32, tau = dense<[0.01, 0.02, 0.03]> : tensor<3xf32>, v_leak = 0.0 : f32, v_reset = 0.0 : f32, v_threshold = 1.0 : f32, snn.name = "lif"} : tensor<3xf32>
  output %0, %in : tensor<3xf32>, tensor<3xf32>
}

// CHECK: warning: node 'affine_0' has no incoming edge; its input is zero
// The importer orders results by Output node name ("out" < "output_0").
// CHECK: snn.network @export_graph(%input: tensor<3xf32> {snn.name = "input"}) -> (tensor<3xf32> {snn.name = "out"}, tensor<3xf32> {snn.name = "output_0"})
// CHECK-SAME: dt = 5.000000e-04 : f64, snn.dt_source = "file metadata", snn.nir_version = "1.0.0"
// CHECK: %[[Z:.*]] = zero : tensor<2xf32>
// CHECK: %[[A:.*]] = affine %[[Z]] {bias = dense<5.000000e-01> : tensor<3xf32>, snn.name = "affine_0", weight = dense<1.000000e+00> : tensor<3x2xf32>}
// CHECK: %[[S:.*]] = add %input, %[[R:.*]], %[[A]] : tensor<3xf32>
// CHECK: %[[L:.*]] = lif %[[S]] {r = 1.000000e+00 : f32, snn.name = "lif", tau = dense<[0.00999999977, 2.000000e-02, 3.000000e-02]> : tensor<3xf32>, v_leak = 0.000000e+00 : f32, v_reset = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32}
// CHECK: %[[R]] = linear %[[L]] {snn.name = "rec", weight = dense<2.500000e-01> : tensor<3x3xf32>}
// CHECK: output %input, %[[L]] : tensor<3xf32>, tensor<3xf32>
