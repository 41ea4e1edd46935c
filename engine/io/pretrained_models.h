#pragma once
// Where a finished pretraining run is kept, so a fine-tuning preset can start from it (bert-paraphrase starts from
// the last pretrained bert-tiny, D2L §15.7): <state dir>/pretrained/<preset>.json (+ .safetensors). The state dir is
// $DIVELAB_STATE_DIR when set (tests; the window's autosave uses it too), else $XDG_DATA_HOME/DiveLab/DiveLab, else
// ~/.local/share/DiveLab/DiveLab — the folder the window's Qt AppDataLocation names on Linux, so the command line and
// the window share it.
#include <string>

namespace dl {

std::string pretrained_model_path(const std::string& preset);

}  // namespace dl
