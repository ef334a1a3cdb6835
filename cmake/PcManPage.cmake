# PcManPage.cmake — one man page (cmake -P; see PcManPages.cmake): runs help2man on a
# link named as the installed program. A program whose --help fails gets no page and a
# message, so that the build goes on (the kiosk's --help came later than the others').
# In: HELP2MAN, EXE, NAME, WHAT, OUT. Out: OUT (or none) and OUT.stamp.
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir}/bin)
file(CREATE_LINK ${EXE} ${dir}/bin/${NAME} SYMBOLIC)
execute_process(COMMAND ${dir}/bin/${NAME} --help RESULT_VARIABLE help_rc OUTPUT_QUIET
                ERROR_QUIET TIMEOUT 20)
file(REMOVE ${OUT})
if(NOT help_rc EQUAL 0)
  message(STATUS "man page ${NAME}.1 not made: `${NAME} --help` answered ${help_rc}, not 0")
else()
  execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --name=${WHAT} --output=${OUT}
                          ${dir}/bin/${NAME}
                  RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 60)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man ${NAME}: ${err}")
  endif()
  # The synopsis under the installed name: a --help says the build tree's (receiver,
  # kiosk-sync, desk), which help2man puts in bold at the start of each usage line.
  get_filename_component(built ${EXE} NAME)
  if(NOT built STREQUAL NAME)
    file(READ ${OUT} page)
    string(REPLACE "\n.B ${built}\n" "\n.B ${NAME}\n" page "${page}")
    file(WRITE ${OUT} "${page}")
  endif()
endif()
file(TOUCH ${OUT}.stamp)
