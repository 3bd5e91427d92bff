# Whether exporters/xlsx_zip_level.cpp (workbooks deflated at zlib's fastest
# level) goes into this build. It reaches into libxlsxwriter's use of minizip,
# so it goes in only when proven here: cmake/probe_xlsx_zip_level.cpp is built
# with it and with libxlsxwriter as rplan links them, and run; it succeeds
# only when every part of its workbook came out deflated at level 1. Sets
# RPLAN_XLSX_ZIP_LEVEL (ON or OFF) for the exporters, the tests and the
# benchmarks. The probe runs at every configure (a second or two), so its
# answer follows the installed libraries.
set(RPLAN_XLSX_ZIP_LEVEL OFF)
if(NOT RPLAN_XLSX_FAST_DEFLATE)
  message(STATUS "Workbook compression: libxlsxwriter's default level (RPLAN_XLSX_FAST_DEFLATE=OFF)")
  return()
endif()
if(CMAKE_CROSSCOMPILING)
  message(STATUS "Workbook compression: libxlsxwriter's default level (no probe when cross-compiling)")
  return()
endif()
try_run(probe_exit_code probe_built
        SOURCES ${PROJECT_SOURCE_DIR}/cmake/probe_xlsx_zip_level.cpp
                ${PROJECT_SOURCE_DIR}/exporters/xlsx_zip_level.cpp
        NO_CACHE
        CMAKE_FLAGS
          "-DINCLUDE_DIRECTORIES=${PROJECT_SOURCE_DIR};${MINIZIP_INCLUDE_DIR};${XLSXWRITER_INCLUDE_DIRS}"
        LINK_LIBRARIES ${XLSXWRITER_LINK_LIBRARIES} ${CMAKE_DL_LIBS}
        CXX_STANDARD 20
        COMPILE_OUTPUT_VARIABLE probe_build_output
        RUN_OUTPUT_VARIABLE probe_output
        ARGS ${CMAKE_BINARY_DIR}/xlsx_zip_level_probe.xlsx)
if(probe_built AND "${probe_exit_code}" STREQUAL "0")
  set(RPLAN_XLSX_ZIP_LEVEL ON)
  message(STATUS "Workbook compression: zlib's fastest level, proven by the probe (${probe_output})")
elseif(NOT probe_built)
  message(STATUS "Workbook compression: libxlsxwriter's default level (the probe did not build)")
  message(VERBOSE "${probe_build_output}")
else()
  message(STATUS "Workbook compression: libxlsxwriter's default level (the probe: ${probe_output})")
endif()
