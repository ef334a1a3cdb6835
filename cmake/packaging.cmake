# packaging.cmake — the installed layout and the Debian packages (`cpack -G DEB` in the
# build directory), included at the end of the top CMakeLists.txt once every program's
# target exists. One place says where each thing goes (README, "Installing from packages"):
#   /usr/bin             precheck-kiosk, precheck-sync, precheck-desk, precheck-receiver,
#                        precheck (the build tree keeps kiosk, kiosk-sync, desk, receiver)
#   /usr/share/precheck  packs, calendar, sources, strings, fonts (app/core/data_dir.c)
#   /etc/precheck        example configuration (conffiles; never a secret, never a PIN)
#   /var/lib/precheck*   state, made by systemd (StateDirectory=), never by the package
# Packages, one a machine's role:
#   precheck-common   the `precheck` tool and the shared data (every role needs both)
#   precheck-kiosk    the kiosk and its nightly sync: same machine, same user and store
#   precheck-desk     the staff desk (and its nightly sync) on a window's PC
#   precheck-receiver the department's intake server
# The units are generated here from sync/systemd/*.in so that ExecStart names the
# installed program under this build's prefix. The prefix defaults to /usr (set before
# GNUInstallDirs in the top CMakeLists.txt), which the packages use.

set(PC_BINDIR ${CMAKE_INSTALL_FULL_BINDIR})
set(PC_CONFDIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/precheck)
set(PC_UNITDIR ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
set(PC_SYSUSERSDIR ${CMAKE_INSTALL_PREFIX}/lib/sysusers.d)
set(PC_PKG_DIR ${CMAKE_SOURCE_DIR}/cmake/packaging)
set(PC_UNIT_SRC ${CMAKE_SOURCE_DIR}/sync/systemd)
set(PC_UNIT_OUT ${CMAKE_BINARY_DIR}/systemd)

# ---------------------------------------------------------------- programs

# pc_install_program(TARGET installed-name component)
function(pc_install_program target name component)
  if(TARGET ${target})
    install(PROGRAMS $<TARGET_FILE:${target}> DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME ${name}
            COMPONENT ${component})
    set_property(GLOBAL APPEND PROPERTY PC_INSTALLED_PROGRAMS "${target}=${name}")
  endif()
endfunction()

pc_install_program(precheck precheck common)
pc_install_program(kiosk precheck-kiosk kiosk)
pc_install_program(kiosk-sync precheck-sync kiosk)
pc_install_program(desk precheck-desk desk)
pc_install_program(receiver precheck-receiver receiver)

# ---------------------------------------------------------------- units

# pc_install_unit(source-name installed-name component): sync/systemd/<source>.in is
# configured (@PC_BINDIR@), a plain sync/systemd/<source> copied as it is.
function(pc_install_unit source name component)
  if(EXISTS ${PC_UNIT_SRC}/${source}.in)
    configure_file(${PC_UNIT_SRC}/${source}.in ${PC_UNIT_OUT}/${name} @ONLY)
  elseif(EXISTS ${PC_UNIT_SRC}/${source})
    configure_file(${PC_UNIT_SRC}/${source} ${PC_UNIT_OUT}/${name} @ONLY)
  else()
    message(WARNING "packaging: sync/systemd/${source}(.in) missing; ${name} not installed")
    return()
  endif()
  install(FILES ${PC_UNIT_OUT}/${name} DESTINATION ${PC_UNITDIR} COMPONENT ${component})
  set_property(GLOBAL APPEND PROPERTY PC_UNITS_${component} ${name})
endfunction()

if(TARGET kiosk)
  pc_install_unit(precheck-kiosk.service precheck-kiosk.service kiosk)
endif()
if(TARGET kiosk-sync)
  pc_install_unit(precheck-sync.service precheck-sync.service kiosk)
  pc_install_unit(precheck-sync.timer precheck-sync.timer kiosk)
endif()
if(TARGET desk)
  pc_install_unit(precheck-desk.service precheck-desk.service desk)
  pc_install_unit(desk-sync.service precheck-desk-sync.service desk)
  pc_install_unit(desk-sync.timer precheck-desk-sync.timer desk)
endif()
if(TARGET receiver)
  pc_install_unit(precheck-receiver.service precheck-receiver.service receiver)
endif()

# ---------------------------------------------------------------- configuration

# pc_install_conf(component installed-name candidate-sources…): the first source that
# exists becomes /etc/precheck/<installed-name>, a conffile of the component's package.
function(pc_install_conf component name)
  foreach(src ${ARGN})
    if(EXISTS ${CMAKE_SOURCE_DIR}/${src})
      install(FILES ${CMAKE_SOURCE_DIR}/${src} DESTINATION ${PC_CONFDIR} RENAME ${name}
              COMPONENT ${component})
      set_property(GLOBAL APPEND PROPERTY PC_CONFFILES_${component} ${PC_CONFDIR}/${name})
      return()
    endif()
  endforeach()
  message(STATUS "packaging: no example for ${PC_CONFDIR}/${name} (${ARGN}); not installed")
endfunction()

# /etc/precheck itself belongs to precheck-common: a desk-only machine needs it for the
# kiosks' keyring before any conffile of its own.
install(DIRECTORY DESTINATION ${PC_CONFDIR} COMPONENT common)
pc_install_conf(kiosk kiosk.yaml cmake/packaging/etc/kiosk.yaml)
pc_install_conf(kiosk sync.yaml cmake/packaging/etc/sync.yaml)
pc_install_conf(desk desk.yaml app/desk/desk.example.yaml)
pc_install_conf(receiver receiver.yaml cmake/packaging/etc/receiver.yaml)
install(FILES assets/kiosk.example.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/precheck-kiosk
        COMPONENT kiosk)

# ---------------------------------------------------------------- users, scripts

# pc_package_scripts(component user home what): sysusers.d entry and maintainer scripts.
function(pc_package_scripts component user home what)
  set(PC_PKG precheck-${component})
  set(PC_USER ${user})
  set(PC_HOME ${home})
  set(PC_USER_WHAT "${what}")
  get_property(units GLOBAL PROPERTY PC_UNITS_${component})
  string(REPLACE ";" " " PC_UNITS "${units}")
  set(out ${CMAKE_BINARY_DIR}/packaging/${component})
  foreach(script postinst prerm postrm)
    configure_file(${PC_PKG_DIR}/${script}.in ${out}/${script} @ONLY
                   FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                   GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endforeach()
  set(extra ${out}/postinst ${out}/prerm ${out}/postrm)
  get_property(conffiles GLOBAL PROPERTY PC_CONFFILES_${component})
  if(conffiles)
    string(REPLACE ";" "\n" lines "${conffiles}")
    file(WRITE ${out}/conffiles "${lines}\n")
    list(APPEND extra ${out}/conffiles)
  endif()
  if(user)
    install(FILES ${PC_PKG_DIR}/${PC_PKG}.sysusers DESTINATION ${PC_SYSUSERSDIR}
            RENAME ${PC_PKG}.conf COMPONENT ${component})
  endif()
  string(TOUPPER ${component} C)
  set(CPACK_DEBIAN_${C}_PACKAGE_CONTROL_EXTRA "${extra}" PARENT_SCOPE)
endfunction()

pc_package_scripts(common "" /usr/share/precheck "")
pc_package_scripts(kiosk precheck /var/lib/precheck "Pre-check kiosk")
pc_package_scripts(desk precheck-desk /var/lib/precheck-desk "Pre-check staff desk")
pc_package_scripts(receiver precheck-receiver /var/lib/precheck-receiver
                   "Pre-check department receiver")

# ---------------------------------------------------------------- man pages

include(PcManPages)

# ---------------------------------------------------------------- CPack (DEB)

set(CPACK_PACKAGE_NAME precheck)
set(CPACK_PACKAGE_VENDOR "precheck")
set(CPACK_PACKAGE_CONTACT "precheck maintainers <precheck@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/packages)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL common kiosk desk receiver)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/precheck")
set(pc_common_dep "precheck-common (= ${PROJECT_VERSION}-1)")

set(CPACK_DEBIAN_COMMON_PACKAGE_NAME precheck-common)
set(CPACK_COMPONENT_COMMON_DESCRIPTION
    "容错免责预检: the precheck tool and the shared policy packs\nThe `precheck` command (evaluate, lint, test packs; verify receipts; make keys) and\nthe data every role needs in /usr/share/precheck: policy packs, their sources, the\nworking-day calendar, the interface strings and the bundled font.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME precheck-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "${pc_common_dep}")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
    "容错免责预检: the self-service kiosk and its nightly sync\nprecheck-kiosk (full screen on the console, touch, receipt printer) and\nprecheck-sync (the queue to the department each night, signed packs back), run as\nthe system user precheck by precheck-kiosk.service and precheck-sync.timer.\nNothing starts until the kiosk's key is in /etc/precheck.")
set(CPACK_DEBIAN_DESK_PACKAGE_NAME precheck-desk)
set(CPACK_DEBIAN_DESK_PACKAGE_DEPENDS "${pc_common_dep}")
set(CPACK_COMPONENT_DESK_DESCRIPTION
    "容错免责预检: the staff desk at the window\nprecheck-desk serves the window's browser a page to scan receipts, read the\npre-check in staff words, record 收件/受理/退回 and print; run as the system user\nprecheck-desk by precheck-desk.service. Nothing starts until the kiosks' keyring\nis in /etc/precheck.")
set(CPACK_DEBIAN_RECEIVER_PACKAGE_NAME precheck-receiver)
set(CPACK_DEBIAN_RECEIVER_PACKAGE_DEPENDS "${pc_common_dep}")
set(CPACK_COMPONENT_RECEIVER_DESCRIPTION
    "容错免责预检: the department's sync receiver\nprecheck-receiver takes the kiosks' nightly queues (SQLite or PostgreSQL), serves\nsigned packs and the operators' console; run as the system user precheck-receiver\nby precheck-receiver.service. Nothing starts until its keys are in /etc/precheck.")
include(CPack)
