# PcManPages.cmake — man pages for the installed programs, made at build time by
# help2man (Debian package help2man) from each program's --help and --version, under
# its installed name (a link build/man/bin/<name> to the build-tree program). A program
# that does not answer --help gets no page, with a message (cmake/PcManPage.cmake);
# without help2man there are no pages at all. Installed to share/man/man1.
find_program(PC_HELP2MAN help2man)
if(NOT PC_HELP2MAN)
  message(STATUS "man pages: help2man not found (apt-get install help2man); none built")
  return()
endif()

set(PC_MAN_WHAT_precheck "pre-check policy packs, receipts and keys from the command line")
set(PC_MAN_WHAT_precheck-kiosk "the self-service pre-check kiosk")
set(PC_MAN_WHAT_precheck-sync "the kiosk's nightly sync to the department")
set(PC_MAN_WHAT_precheck-desk "the staff desk at the window")
set(PC_MAN_WHAT_precheck-receiver "the department's receiver of the kiosks' syncs")

get_property(pc_programs GLOBAL PROPERTY PC_INSTALLED_PROGRAMS)
set(pc_man_stamps)
foreach(pair ${pc_programs})
  string(REPLACE "=" ";" pair ${pair})
  list(GET pair 0 target)
  list(GET pair 1 name)
  if(name STREQUAL "precheck")
    set(component common)
  else()
    string(REGEX REPLACE "^precheck-" "" component ${name})
    if(component STREQUAL "sync")
      set(component kiosk)
    endif()
  endif()
  set(page ${CMAKE_BINARY_DIR}/man/${name}.1)
  add_custom_command(
    OUTPUT ${page}.stamp
    COMMAND ${CMAKE_COMMAND} -DHELP2MAN=${PC_HELP2MAN} -DEXE=$<TARGET_FILE:${target}>
            -DNAME=${name} "-DWHAT=${PC_MAN_WHAT_${name}}" -DOUT=${page}
            -P ${CMAKE_SOURCE_DIR}/cmake/PcManPage.cmake
    DEPENDS ${target} ${CMAKE_SOURCE_DIR}/cmake/PcManPage.cmake
    COMMENT "man page ${name}.1"
    VERBATIM)
  list(APPEND pc_man_stamps ${page}.stamp)
  install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT ${component} OPTIONAL)
endforeach()
add_custom_target(man_pages ALL DEPENDS ${pc_man_stamps})
