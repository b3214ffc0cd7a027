//===- ToolDiagnostics.h - How the command-line tools print diagnostics -*- C++
//-*-===//
//
// snn-run and snnc print compiler diagnostics the same way:
// "<tool>: <severity>: <message>  [<location>]", notes indented below.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_TOOLDIAGNOSTICS_H
#define SNN_TRANSLATE_TOOLDIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::snn {

/// Prints an error, warning or note diagnostic for a tool called `tool`.
inline void printToolDiagnostic(llvm::StringRef tool, Diagnostic &d) {
  std::string where;
  llvm::raw_string_ostream os(where);
  d.getLocation().print(os);
  llvm::StringRef severity =
      d.getSeverity() == DiagnosticSeverity::Error     ? "error"
      : d.getSeverity() == DiagnosticSeverity::Warning ? "warning"
                                                       : "note";
  llvm::errs() << tool << ": " << severity << ": " << d << "  [" << os.str()
               << "]\n";
  for (Diagnostic &note : d.getNotes())
    llvm::errs() << "  note: " << note << "\n";
}

} // namespace mlir::snn

#endif // SNN_TRANSLATE_TOOLDIAGNOSTICS_H
