// RUN: snn-opt %s -split-input-file -allow-unregistered-dialect -verify-diagnostics

// Tests that an unregistered op in a network body is reported, not a crash
// (an unregistered op has no dialect object).
snn.network @unregistered(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'foo.bar' op is not an snn op; a network body holds only snn ops}}
  %y = "foo.bar"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that an unregistered op with a region (and no dialect) is rejected
// even when it is the only op before the terminator.
snn.network @unregistered_region() attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'foo.region' op is not an snn op; a network body holds only snn ops}}
  "foo.region"() ({
  ^bb0:
    "foo.yield"() : () -> ()
  }) : () -> ()
  snn.output
}
