//===- FixedPoint.h - Host side of the fixed-point neuron nodes --*- C++
//-*-===//
//
// Internal to the engine: validation of the LoihiNeuronOp, SpinnakerNeuronOp
// and SpeckNeuronOp fields, the views FixedPointMath.h steps on, and the
// integer input rule every fixed-point node shares.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_FIXEDPOINT_H
#define SNN_RUNTIME_ENGINE_FIXEDPOINT_H

#include "runtime/engine/FixedPointMath.h"
#include "runtime/plan/Plan.pb.h"

#include <string>

namespace snn::runtime {

/// True for the loihi_neuron, spinnaker_neuron and speck_neuron ops.
bool isFixedPointNeuron(const plan::Node &node);

/// The op's field name as in Plan.proto ("loihi_neuron", ...).
const char *fixedPointOpName(const plan::Node &node);

/// True when the node is a fixed-point neuron whose output is spikes.
bool fixedPointSpikes(const plan::Node &node);

/// True when the node records a synaptic state as ":i" (Loihi u, SpiNNaker
/// i; Speck has none).
bool fixedPointHasCurrent(const plan::Node &node);

/// Checks field counts (1 or `n`, or none where a default exists) and value
/// ranges of a fixed-point neuron node; returns false with `problem` naming
/// the field and the bad value.
bool checkFixedPointNeuron(const plan::Node &node, int64_t n,
                           std::string &problem);

/// Fills the config and the parameter views (pointers into `node`).
void describeFixedPoint(const plan::Node &node, FixedConfig &config,
                        FixedParamArrays &params);

/// Rounds a summed input to the nearest integer (roundFixedInput in
/// FixedPointMath.h, the rule both engines share).
bool toFixedInput(float x, int64_t &out);

/// "node 'lif1' (loihi_neuron): input 0.37 at step 12 is not an integer; ..."
std::string nonIntegerInputMessage(const plan::Node &node, float x,
                                   int64_t element, int64_t numel,
                                   int64_t step);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_FIXEDPOINT_H
