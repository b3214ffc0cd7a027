//===- SNNHWDialect.cpp - snn_hw dialect registration ---------------------===//
#include "dialects/snn_hw/SNNHWDialect.h"
#include "dialects/snn_hw/SNNHWOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace mlir::snn_hw;

#include "dialects/snn_hw/SNNHWEnums.cpp.inc"
#include "dialects/snn_hw/SNNHWOpsDialect.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "dialects/snn_hw/SNNHWAttrs.cpp.inc"

void SNNHWDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/snn_hw/SNNHWAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/snn_hw/SNNHWOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Hex keys and router entries
//===----------------------------------------------------------------------===//

static void printHex(AsmPrinter &printer, uint32_t value, unsigned digits) {
  printer << llvm::format_hex(value, digits + 2);
}

static ParseResult parseU32(AsmParser &parser, uint32_t &value) {
  uint64_t wide;
  SMLoc at = parser.getCurrentLocation();
  if (parser.parseInteger(wide))
    return failure();
  if (wide > 0xffffffffu)
    return parser.emitError(at, "expected a 32-bit unsigned value");
  value = static_cast<uint32_t>(wide);
  return success();
}

Attribute KeyMaskAttr::parse(AsmParser &parser, Type) {
  uint32_t key, mask;
  if (parser.parseLess() || parseU32(parser, key) || parser.parseComma() ||
      parseU32(parser, mask) || parser.parseGreater())
    return {};
  return KeyMaskAttr::get(parser.getContext(), key, mask);
}

void KeyMaskAttr::print(AsmPrinter &printer) const {
  printer << "<";
  printHex(printer, getKey(), 8);
  printer << ", ";
  printHex(printer, getMask(), 8);
  printer << ">";
}

Attribute RouterEntryAttr::parse(AsmParser &parser, Type) {
  uint32_t key, mask, route;
  if (parser.parseLess() || parseU32(parser, key) || parser.parseComma() ||
      parseU32(parser, mask) || parser.parseArrow() ||
      parseU32(parser, route) || parser.parseGreater())
    return {};
  return RouterEntryAttr::get(parser.getContext(), key, mask, route);
}

void RouterEntryAttr::print(AsmPrinter &printer) const {
  printer << "<";
  printHex(printer, getKey(), 8);
  printer << ", ";
  printHex(printer, getMask(), 8);
  printer << " -> ";
  printHex(printer, getRoute(), 6);
  printer << ">";
}
