# snn_proto_library(<target> <file.proto> <output dir>
#                   [PROTO_PATH <dir>...] [DEPENDS <file>...] [LINK <lib>...])
#
# Runs protoc on <file.proto> into <output dir> (a folder of the build tree
# mirroring the source folder, so code includes e.g. "runtime/plan/Plan.pb.h")
# and builds the generated code as a plain library.
function(snn_proto_library target proto outdir)
  cmake_parse_arguments(ARG "" "" "PROTO_PATH;DEPENDS;LINK" ${ARGN})
  get_filename_component(name ${proto} NAME_WE)
  get_filename_component(dir ${proto} DIRECTORY)
  set(paths --proto_path=${dir})
  foreach(path ${ARG_PROTO_PATH})
    list(APPEND paths --proto_path=${path})
  endforeach()
  file(MAKE_DIRECTORY ${outdir})
  add_custom_command(
    OUTPUT ${outdir}/${name}.pb.h ${outdir}/${name}.pb.cc
    COMMAND protobuf::protoc ${paths} --cpp_out=${outdir} ${proto}
    DEPENDS ${proto} ${ARG_DEPENDS} protobuf::protoc
    COMMENT "Generating ${name}.pb.{h,cc}"
    VERBATIM)
  add_library(${target} ${outdir}/${name}.pb.cc)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}
                                              ${PROJECT_BINARY_DIR} ${outdir})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf ${ARG_LINK})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
