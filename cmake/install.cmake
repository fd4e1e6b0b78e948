# Installation of FluxDB as a library (included at the end of the top-level CMakeLists.txt):
#   lib/libfluxdb.so (+ soname links)  the shared library; exports only the C API (fluxdb_*)
#   lib/libfluxdb.a                    every layer's objects in one static archive
#   include/fluxdb.h                   the C API
#   lib/pkgconfig/fluxdb.pc            cflags/libs; Libs.private / Requires.private for static links
#   bin/fluxdb                         the shell
# `make install PREFIX=/some/dir` runs `cmake --install build/release --prefix /some/dir`; the .pc
# file locates the prefix from its own place (${pcfiledir}), so any prefix works.

# The shared library's dynamic symbol table holds the C API only: the engine's C++ symbols stay
# inside, so they can neither clash with a host program's nor become an accidental ABI.
set(FLUXDB_VERSION_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/fluxdb.map)
target_link_options(fluxdb PRIVATE "-Wl,--version-script=${FLUXDB_VERSION_SCRIPT}")
set_property(TARGET fluxdb APPEND PROPERTY LINK_DEPENDS ${FLUXDB_VERSION_SCRIPT})

# One static archive of all layers, built from the layers' object files (nothing is recompiled).
set(FLUXDB_STATIC_OBJECTS)
foreach(layer ${FLUXDB_LAYERS})
  list(APPEND FLUXDB_STATIC_OBJECTS $<TARGET_OBJECTS:${layer}>)
endforeach()
add_library(fluxdb_static STATIC ${FLUXDB_STATIC_OBJECTS})
set_target_properties(fluxdb_static PROPERTIES OUTPUT_NAME fluxdb LINKER_LANGUAGE CXX)

install(TARGETS fluxdb
        LIBRARY DESTINATION lib
        ARCHIVE DESTINATION lib
        RUNTIME DESTINATION bin)
install(TARGETS fluxdb_static ARCHIVE DESTINATION lib)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/include/fluxdb.h DESTINATION include)
if(TARGET fluxdb_shell)
  install(TARGETS fluxdb_shell RUNTIME DESTINATION bin)
endif()

configure_file(${CMAKE_CURRENT_LIST_DIR}/fluxdb.pc.in ${CMAKE_CURRENT_BINARY_DIR}/fluxdb.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/fluxdb.pc DESTINATION lib/pkgconfig)
