# Desktop integration files and the Debian package (CPack, DEB generator).
# Included from the top-level CMakeLists.txt. Build a .deb with:
#   cmake -S . -B build-deb -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-deb && (cd build-deb && cpack -G DEB)
#
# DIVELAB_ARCH: packages keep the default, the portable baseline (x86-64 on x86). The binary then runs on
# every CPU of its architecture and still uses AVX2/FMA or AVX-512 kernels where the CPU has them, chosen
# at run time (engine/core/cpu_features.h). A higher -march (native, x86-64-v3) builds everything else for
# those CPUs only: on any other the programs stop at start-up with a message.
include(GNUInstallDirs)

if(NOT "${DIVELAB_ARCH}" STREQUAL "${DIVELAB_DEFAULT_ARCH}")
  message(STATUS "DIVELAB_ARCH=${DIVELAB_ARCH}: the binaries need a CPU with what that -march implies; "
                 "packages should keep the portable default (-DDIVELAB_ARCH=${DIVELAB_DEFAULT_ARCH})")
endif()

# --- Desktop integration ---------------------------------------------------------------------
install(FILES ${CMAKE_CURRENT_LIST_DIR}/divelab.desktop
  DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/divelab-mime.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME divelab.xml)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/io.divelab.DiveLab.metainfo.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/divelab.svg
  DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# The man page of divelab-cli, compressed as Debian ships man pages (-n: no time stamp, reproducible).
set(DIVELAB_MAN_PAGE ${CMAKE_BINARY_DIR}/divelab-cli.1.gz)
add_custom_command(OUTPUT ${DIVELAB_MAN_PAGE}
  COMMAND gzip -9 -n -c ${CMAKE_CURRENT_LIST_DIR}/divelab-cli.1 > ${DIVELAB_MAN_PAGE}
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/divelab-cli.1 VERBATIM)
add_custom_target(divelab_man_page ALL DEPENDS ${DIVELAB_MAN_PAGE})
install(FILES ${DIVELAB_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# --- CPack: Debian package -------------------------------------------------------------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "divelab")
set(CPACK_PACKAGE_VENDOR "DiveLab")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "DiveLab developers <divelab@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Learn deep learning by building and training neural networks")
set(CPACK_PACKAGE_DESCRIPTION
  "DiveLab is a desktop lab for learning deep learning, following the book\n"
  "Dive into Deep Learning (D2L). Build networks, train them on real data sets\n"
  "such as Fashion-MNIST on the CPU, and watch them learn. Includes divelab-cli\n"
  "for training and benchmarks from the command line.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Runtime libraries on Debian 12. The Qt 6 build of QCustomPlot is libqcustomplot2.1-qt6
# (libqcustomplot2.1 is the Qt 5 one); qt6-qpa-plugins holds the xcb/wayland platform plugins,
# libqt6svg6 also the SVG icon engine that loads the window icon.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1, libqt6core6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6widgets6 (>= 6.4), libqt6svg6 (>= 6.4), libqt6printsupport6 (>= 6.4), qt6-qpa-plugins, libqcustomplot2.1-qt6, libtbb12, zlib1g, libgif7, libonnx1, libprotobuf32")
# The Chinese interface needs a CJK font to show its text, and Qt's own zh_CN translation for the standard
# dialogs (file dialogs, message box buttons); the English interface needs neither.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist, fonts-noto-cjk | fonts-wqy-microhei, qt6-translations-l10n")

include(CPack)
