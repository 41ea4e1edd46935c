#include "engine/train/observer.h"

namespace dl {

std::string warning_kind_name(TrainWarning::Kind kind) {
    switch (kind) {
        case TrainWarning::Kind::LossExploded:
            return "loss_exploded";
    }
    return "unknown";
}

}  // namespace dl
