# With neither DISPLAY nor WAYLAND_DISPLAY the kiosk must print ONE line naming the fix and exit 2.
# cmake -DKIOSK=... -DDATA_DIR=... -P no_display.cmake
file(REMOVE_RECURSE "${DATA_DIR}")
set(ENV{HOME} "${DATA_DIR}")
unset(ENV{XDG_CONFIG_HOME})
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY --unset=SDL_VIDEODRIVER
          "${KIOSK}" --data-dir "${DATA_DIR}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
message(STATUS "exit ${rc}; stderr: ${err}")
if(NOT rc STREQUAL "2")
  message(FATAL_ERROR "expected exit code 2 without a display, got ${rc}")
endif()
string(STRIP "${err}" stripped)
string(FIND "${stripped}" "\n" newline)
if(NOT newline EQUAL -1)
  message(FATAL_ERROR "expected one line on stderr, got:\n${err}")
endif()
if(NOT stripped MATCHES "^kiosk: no display found \\(DISPLAY/WAYLAND_DISPLAY unset\\): .*xvfb-run -a build/bin/kiosk$")
  message(FATAL_ERROR "unexpected message: ${err}")
endif()
