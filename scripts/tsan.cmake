# Included into the ThreadSanitizer build tree by scripts/tsan.sh (CMAKE_PROJECT_INCLUDE); it runs once
# the whole project is configured. The normal build never sees it.
function(divelab_tsan_adjust_targets)
  # engine/core/tbb_tasks.cpp is the only file that includes oneTBB. TBB's task objects are built and
  # run by inline header code but synchronized inside libtbb, which Debian does not instrument: compiled
  # with TSan, that header code makes TSan report races on TBB's own bookkeeping. So this one file is
  # compiled without TSan, like the library itself, and engine/core/parallel.cpp tells TSan about TBB's
  # fork and join edges (__tsan_release / __tsan_acquire).
  set_source_files_properties(${CMAKE_SOURCE_DIR}/engine/core/tbb_tasks.cpp
    DIRECTORY ${CMAKE_SOURCE_DIR}/engine
    PROPERTIES COMPILE_OPTIONS -fno-sanitize=thread)

  # test_training_controller needs ui/training/training_controller.cpp only, not the ~35 widget files of
  # divelab_ui: link it against that one file, to keep the CI's TSan build short.
  if(TARGET test_training_controller)
    add_library(divelab_training_controller STATIC
      ${CMAKE_SOURCE_DIR}/ui/training/training_controller.cpp ${CMAKE_SOURCE_DIR}/ui/training/training_controller.h)
    set_target_properties(divelab_training_controller PROPERTIES AUTOMOC ON)
    target_link_libraries(divelab_training_controller PUBLIC divelab_engine Qt6::Widgets)
    target_compile_definitions(divelab_training_controller PUBLIC QT_NO_KEYWORDS)
    set_property(TARGET test_training_controller PROPERTY LINK_LIBRARIES Qt6::Test divelab_training_controller)
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL divelab_tsan_adjust_targets)
