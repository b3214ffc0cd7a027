//===- SNNNetwork.cpp - snn.network and snn.output
//-------------------------===//
#include "dialects/snn/SNNOps.h"
#include "dialects/snn/SNNSchedule.h"

#include "mlir/Interfaces/FunctionImplementation.h"

using namespace mlir;
using namespace mlir::snn;

static constexpr llvm::StringLiteral kNameAttr = "snn.name";

void NetworkOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                      FunctionType type, double dt) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute(getFunctionTypeAttrName(state.name), TypeAttr::get(type));
  state.addAttribute(getDtAttrName(state.name), builder.getF64FloatAttr(dt));
  Region *body = state.addRegion();
  Block *block = new Block();
  body->push_back(block);
  for (Type input : type.getInputs())
    block->addArgument(input, state.location);
}

ParseResult NetworkOp::parse(OpAsmParser &parser, OperationState &result) {
  auto buildType = [](Builder &builder, ArrayRef<Type> inputs,
                      ArrayRef<Type> results,
                      function_interface_impl::VariadicFlag, std::string &) {
    return builder.getFunctionType(inputs, results);
  };
  if (function_interface_impl::parseFunctionOp(
          parser, result, /*allowVariadic=*/false,
          getFunctionTypeAttrName(result.name), buildType,
          getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name)))
    return failure();
  if (result.regions.front()->empty())
    return parser.emitError(parser.getCurrentLocation(),
                            "snn.network needs a body");
  NetworkOp::ensureTerminator(*result.regions.front(), parser.getBuilder(),
                              result.location);
  return success();
}

void NetworkOp::print(OpAsmPrinter &printer) {
  function_interface_impl::printFunctionOp(
      printer, *this, /*isVariadic=*/false, getFunctionTypeAttrName(),
      getArgAttrsAttrName(), getResAttrsAttrName());
}

void NetworkOp::getAsmBlockArgumentNames(Region &region,
                                         OpAsmSetValueNameFn setNameFn) {
  if (region.empty())
    return;
  for (auto [index, arg] : llvm::enumerate(region.front().getArguments())) {
    StringRef name = getInputName(index);
    if (!name.empty())
      setNameFn(arg, name);
  }
}

StringRef NetworkOp::getInputName(unsigned i) {
  if (auto name = getArgAttrOfType<StringAttr>(i, kNameAttr))
    return name.getValue();
  return "";
}

StringRef NetworkOp::getOutputName(unsigned i) {
  if (auto name = getResultAttrOfType<StringAttr>(i, kNameAttr))
    return name.getValue();
  return "";
}

OutputOp NetworkOp::getOutputOp() {
  return cast<OutputOp>(getBody().front().getTerminator());
}

LogicalResult NetworkOp::verify() {
  double dt = getDt().convertToDouble();
  if (!(dt > 0.0) || !std::isfinite(dt))
    return emitOpError("dt must be a positive number of seconds, got ") << dt;
  return success();
}

LogicalResult NetworkOp::verifyRegions() {
  // Argument count and types are checked by FunctionOpInterface.
  Block &body = getBody().front();
  for (Operation &op : body)
    // getDialect() is null for an unregistered op
    // (-allow-unregistered-dialect).
    if (!isa_and_nonnull<SNNDialect>(op.getDialect()))
      return op.emitOpError("is not an snn op; a network body holds only "
                            "snn ops");
  std::vector<Operation *> loop = findAlgebraicLoop(*this);
  if (!loop.empty()) {
    InFlightDiagnostic diag = loop.front()->emitOpError(
        "is on a cycle that passes through no stateful op (neuron or delay); "
        "the cycle would have no value within a step");
    for (Operation *op : loop)
      diag.attachNote(op->getLoc()) << "cycle passes through " << op->getName();
    return diag;
  }
  return success();
}

LogicalResult OutputOp::verify() {
  auto network = cast<NetworkOp>((*this)->getParentOp());
  ArrayRef<Type> results = network.getResultTypes();
  if (getNumOperands() != results.size())
    return emitOpError("returns ")
           << getNumOperands() << " values but the network has "
           << results.size() << " results";
  for (auto [index, pair] :
       llvm::enumerate(llvm::zip(getOperandTypes(), results)))
    if (std::get<0>(pair) != std::get<1>(pair))
      return emitOpError("result ")
             << index << " has type " << std::get<0>(pair)
             << " but the network declares " << std::get<1>(pair);
  return success();
}

std::string mlir::snn::getNodeName(Operation *op) {
  if (auto name = op->getAttrOfType<StringAttr>(kNameAttr))
    return name.str();
  Location loc = op->getLoc();
  while (true) {
    if (auto name = dyn_cast<NameLoc>(loc))
      return name.getName().str();
    if (auto fused = dyn_cast<FusedLoc>(loc)) {
      for (Location inner : fused.getLocations())
        if (auto name = dyn_cast<NameLoc>(inner))
          return name.getName().str();
      return "";
    }
    return "";
  }
}

bool mlir::snn::isAnnNetwork(NetworkOp network) {
  return network->hasAttr(kAnnAttrName);
}
