#include "engine/io/pytorch_project_text.h"

namespace dl {

const char* pytorch_safetensors_io_text() {
    return R"py("""Safetensors files with NumPy alone (F32 tensors only): an 8-byte little-endian header length, a JSON
header {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}, then the
raw little-endian float32 data. DiveLab writes its models this way."""
import json
import os
import struct

import numpy as np


def load(path):
    """Returns ({name: float32 array}, metadata dict)."""
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: '{name}' is {entry['dtype']}; only F32 is read")
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=8 + length + begin)
        tensors[name] = array.reshape(entry["shape"]).copy()
    return tensors, metadata


def save(path, tensors, metadata=None):
    """Writes {name: array} as F32 (atomically: a temporary file renamed)."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, array in tensors.items():
        blob = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(np.shape(array)), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        for blob in blobs:
            f.write(blob)
    os.replace(path + ".tmp", path)
)py";
}

namespace {
const char* kMultiHeadAttention = R"py(

class MultiHeadAttention(nn.Module):
    """D2L §10.5: queries, keys and values projected to `hidden` features, split into heads, scaled dot-product
    attention per head, heads joined and projected by W_o. mask: "none"; "source" (keys at or past each example's
    valid length valid_lens[b] get no weight: a sentence's padding); "causal" (no query sees a later key)."""

    def __init__(self, query_size, key_size, hidden, heads, dropout, mask="none", bias=False):
        super().__init__()
        self.heads, self.mask = heads, mask
        self.W_q = nn.Linear(query_size, hidden, bias=bias)
        self.W_k = nn.Linear(key_size, hidden, bias=bias)
        self.W_v = nn.Linear(key_size, hidden, bias=bias)
        self.W_o = nn.Linear(hidden, hidden, bias=bias)
        self.dropout = nn.Dropout(dropout)

    def split(self, x):  # [B, T, h·d] → [B·h, T, d]
        b, t, _ = x.shape
        return x.reshape(b, t, self.heads, -1).permute(0, 2, 1, 3).reshape(b * self.heads, t, -1)

    def forward(self, queries, keys=None, valid_lens=None):
        keys = queries if keys is None else keys
        q, k, v = self.split(self.W_q(queries)), self.split(self.W_k(keys)), self.split(self.W_v(keys))
        scores = torch.bmm(q, k.transpose(1, 2)) / math.sqrt(q.shape[-1])
        n_q, n_k = scores.shape[-2:]
        if self.mask == "causal":
            scores = scores.masked_fill(torch.ones(n_q, n_k, dtype=torch.bool).triu(1), -1e6)
        elif self.mask == "source" and valid_lens is not None:
            lengths = torch.as_tensor(valid_lens).repeat_interleave(self.heads)
            scores = scores.masked_fill(torch.arange(n_k)[None, None, :] >= lengths[:, None, None], -1e6)
        out = torch.bmm(self.dropout(torch.softmax(scores, dim=-1)), v)
        b = queries.shape[0]
        return self.W_o(out.reshape(b, self.heads, n_q, -1).permute(0, 2, 1, 3).reshape(b, n_q, -1))
)py";

const char* kAddNorm = R"py(

class AddNorm(nn.Module):
    """D2L §10.7.3: LayerNorm(X + Dropout(Y)) over the last axis."""

    def __init__(self, features, dropout):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.ln = nn.LayerNorm(features)

    def forward(self, x, y):
        return self.ln(x + self.dropout(y))
)py";

const char* kPositionwiseFFN = R"py(

class PositionwiseFFN(nn.Module):
    """D2L §10.7.2: the same two-layer MLP at every position."""

    def __init__(self, inputs, hidden, outputs, activation="relu"):
        super().__init__()
        self.dense1 = nn.Linear(inputs, hidden)
        self.activation = nn.GELU() if activation == "gelu" else nn.ReLU()
        self.dense2 = nn.Linear(hidden, outputs)

    def forward(self, x):
        return self.dense2(self.activation(self.dense1(x)))
)py";

const char* kPositionalEncoding = R"py(

class PositionalEncoding(nn.Module):
    """D2L §10.6: X·(√d if scale_input) + P[:T] with P[i, 2j] = sin(i / 10000^(2j/d)), P[i, 2j+1] = cos(...),
    then dropout. The table is fixed, so it is not in the state_dict."""

    def __init__(self, features, dropout, scale_input=False, max_len=1000):
        super().__init__()
        i = torch.arange(max_len, dtype=torch.float64)[:, None]
        angle = i / torch.pow(10000.0, torch.arange(0, features, 2, dtype=torch.float64) / features)
        table = torch.zeros(max_len, features)
        table[:, 0::2] = torch.sin(angle).float()
        table[:, 1::2] = torch.cos(angle[:, :features // 2]).float()
        self.register_buffer("P", table, persistent=False)
        self.scale = math.sqrt(features) if scale_input else 1.0
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(x * self.scale + self.P[:x.shape[1]])
)py";

const char* kPositionEmbedding = R"py(

class PositionEmbedding(nn.Module):
    """BERT's learned positions (D2L §14.8.3): X + P[:T] with a trained table P [max_len, features]."""

    def __init__(self, max_len, features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(max_len, features))

    def forward(self, x):
        return x + self.weight[:x.shape[1]]
)py";
}  // namespace

const char* pytorch_helper_class_text(const std::string& type) {
    if (type == "MultiHeadAttention") return kMultiHeadAttention;
    if (type == "AddNorm") return kAddNorm;
    if (type == "PositionwiseFFN") return kPositionwiseFFN;
    if (type == "PositionalEncoding") return kPositionalEncoding;
    if (type == "PositionEmbedding") return kPositionEmbedding;
    return "";
}

const char* pytorch_weights_helpers_text() {
    return R"py(

def load_weights(model, path):
    """Fills the model from a safetensors file with DiveLab's names; returns the file's metadata."""
    import safetensors_io
    tensors, metadata = safetensors_io.load(path)
    state = {name: torch.from_numpy(array) for name, array in tensors.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [name for name in missing if not name.endswith("num_batches_tracked")]  # DiveLab keeps no count
    if missing or unexpected:
        raise ValueError(f"{path}: missing {missing}, unexpected {unexpected}")
    return metadata


def save_weights(model, path, metadata=None):
    """Writes the model's float tensors (parameters and BatchNorm statistics) under their state_dict names."""
    import safetensors_io
    state = {name: t.detach().cpu().numpy() for name, t in model.state_dict().items() if t.is_floating_point()}
    safetensors_io.save(path, state, metadata)
)py";
}

namespace {
// train.py after the settings: data, optimizer, schedule, the loop, single process or DDP under torchrun.
const char* kTrainBody = R"py(

def read_idx(path):
    """One IDX file (gzip-compressed or not): unsigned bytes with big-endian dimensions."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_images(folder, prefix, limit, resize):
    """Images as floats in [0, 1], [N, 1, H, W] (as DiveLab reads them); the first `limit` only if > 0."""
    def find(name):
        for candidate in (name + ".gz", name):
            if os.path.exists(os.path.join(folder, candidate)):
                return os.path.join(folder, candidate)
        sys.exit(f"train.py: {os.path.join(folder, name)}(.gz) not found; pass --data FOLDER")
    images = read_idx(find(f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(find(f"{prefix}-labels-idx1-ubyte"))
    if limit > 0:
        images, labels = images[:limit], labels[:limit]
    x = torch.from_numpy(images.astype(np.float32) / np.float32(255)).unsqueeze(1)
    if resize > 0:  # bilinear, pixel centres, no antialiasing: DiveLab's resize
        x = F.interpolate(x, size=(resize, resize), mode="bilinear", align_corners=False)
    return TensorDataset(x, torch.from_numpy(labels.astype(np.int64)))


def lr_at(epoch):
    """The experiment's learning rate for an epoch: linear warm-up, then constant, step, multi-factor or cosine."""
    base, warmup, start = EXPERIMENT["lr"], EXPERIMENT["warmup"], EXPERIMENT["warmup_start"]
    if epoch < warmup:
        return base * (epoch + 1) / warmup if start is None else start + (base - start) * epoch / warmup
    t, length = epoch - warmup, (EXPERIMENT["cosine_epochs"] or EXPERIMENT["epochs"]) - warmup
    if EXPERIMENT["schedule"] == "step":
        return base * EXPERIMENT["gamma"] ** (t // EXPERIMENT["step_size"])
    if EXPERIMENT["schedule"] == "multifactor":
        return base * EXPERIMENT["gamma"] ** sum(1 for m in EXPERIMENT["milestones"] if m <= t)
    if EXPERIMENT["schedule"] == "cosine":
        low = EXPERIMENT["min_lr"]
        return low if t >= length else low + (base - low) * (1 + math.cos(math.pi * t / length)) / 2
    return base


def make_optimizer(model):
    """The experiment's optimizer; weight decay only where DiveLab applies it (weights, not biases or norms)."""
    decay = [p for n, p in model.named_parameters() if n not in NO_DECAY]
    rest = [p for n, p in model.named_parameters() if n in NO_DECAY]
    groups = [{"params": decay, "weight_decay": EXPERIMENT["weight_decay"]}, {"params": rest, "weight_decay": 0.0}]
    name, lr, eps = EXPERIMENT["optimizer"], EXPERIMENT["lr"], EXPERIMENT["eps"]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=EXPERIMENT["momentum"], nesterov=EXPERIMENT["nesterov"])
    if name in ("adam", "adamw"):
        cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
        return cls(groups, lr=lr, betas=EXPERIMENT["betas"], eps=eps)
    if name == "rmsprop":
        return torch.optim.RMSprop(groups, lr=lr, alpha=EXPERIMENT["alpha"], eps=eps, momentum=EXPERIMENT["momentum"])
    if name == "adagrad":
        return torch.optim.Adagrad(groups, lr=lr, eps=eps)
    if name == "adadelta":
        return torch.optim.Adadelta(groups, lr=lr, rho=EXPERIMENT["rho"], eps=eps)
    sys.exit(f"train.py: unknown optimizer '{name}'")


def evaluate(model, data):
    """The model on a data set: (correct, count, mean cross-entropy loss)."""
    model.eval()
    correct, loss = 0, 0.0
    with torch.no_grad():
        for x, y in DataLoader(data, batch_size=1000):
            out = model(x)
            correct += int((out.argmax(dim=1) == y).sum())
            loss += F.cross_entropy(out, y, reduction="sum").item()
    return correct, len(data), loss / len(data)


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description="Train the exported network (one process, or DDP under torchrun).")
    p.add_argument("--data", default=DEFAULT_DATA, help="folder of the IDX files (default: %(default)s)")
    p.add_argument("--epochs", type=int, default=EXPERIMENT["epochs"])
    p.add_argument("--batch-size", type=int, default=EXPERIMENT["batch_size"], help="global batch, split over processes")
    p.add_argument("--lr", type=float, default=EXPERIMENT["lr"])
    p.add_argument("--seed", type=int, default=EXPERIMENT["seed"])
    p.add_argument("--limit", type=int, default=0, help="train on the first N training examples only (0 = all)")
    p.add_argument("--test-limit", type=int, default=0, help="score the first N test examples only (0 = all)")
    p.add_argument("--weights", default=os.path.join(here, "weights.safetensors"), help="starting weights")
    p.add_argument("--out", default=os.path.join(here, "checkpoint.safetensors"), help="where rank 0 saves")
    return p.parse_args()


def main():
    args = parse_args()
    EXPERIMENT.update(epochs=args.epochs, lr=args.lr)
    if len(EXPERIMENT["inputs"]) != 1 or len(EXPERIMENT["outputs"]) != 1:
        sys.exit(f"train.py trains networks of one input and one output (image classifiers) so far; this one takes "
                 f"{', '.join(EXPERIMENT['inputs'])} and gives {', '.join(EXPERIMENT['outputs'])} (BERT needs its "
                 f"pretraining or sentence-pair data, which train.py does not read yet); model.py and the weights "
                 f"work as they are")
    if EXPERIMENT["dataset"] not in ("fashion-mnist", "mnist"):
        sys.exit(f"train.py reads image classification data (fashion-mnist, mnist) so far, not "
                 f"'{EXPERIMENT['dataset']}'; model.py and the weights work as they are")
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1  # started by torchrun --nproc_per_node N
    if distributed:
        dist.init_process_group("gloo")
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    torch.manual_seed(args.seed)
    model = Net()
    metadata = load_weights(model, args.weights)
    train_set = load_images(args.data, "train", args.limit, EXPERIMENT["resize"])
    test_set = load_images(args.data, "t10k", args.test_limit, EXPERIMENT["resize"])
    net = DistributedDataParallel(model) if distributed else model
    sampler = DistributedSampler(train_set, world, rank, shuffle=True, seed=args.seed) if distributed else None
    loader = DataLoader(train_set, batch_size=max(1, args.batch_size // world), shuffle=sampler is None,
                        sampler=sampler, generator=torch.Generator().manual_seed(args.seed))
    optimizer = make_optimizer(model)
    if rank == 0:
        how = f"DistributedDataParallel over {world} processes (gloo)" if distributed else "one process"
        print(f"training {len(train_set)} examples for {args.epochs} epochs on {how}", flush=True)
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        for group in optimizer.param_groups:
            group["lr"] = lr_at(epoch)
        net.train()
        totals = torch.zeros(3, dtype=torch.float64)  # loss sum, correct, examples
        for x, y in loader:
            optimizer.zero_grad()
            out = net(x)
            loss = F.cross_entropy(out, y)
            loss.backward()
            if EXPERIMENT["clip"] > 0:
                nn.utils.clip_grad_norm_(model.parameters(), EXPERIMENT["clip"])
            optimizer.step()
            totals += torch.tensor([loss.item() * len(y), int((out.argmax(dim=1) == y).sum()), len(y)],
                                   dtype=torch.float64)
        if distributed:
            dist.all_reduce(totals)
        if rank == 0:
            correct, count, _ = evaluate(model, test_set)
            print(f"epoch {epoch + 1}: train loss {totals[0] / totals[2]:.4f}, train acc {totals[1] / totals[2]:.4f}, "
                  f"test acc {correct / count:.6f} ({correct}/{count})", flush=True)
    if rank == 0:
        save_weights(model, args.out, dict(metadata, trained_by="PyTorch train.py"))
        correct, count, loss = evaluate(model, test_set)
        print(f"saved {args.out}: test accuracy {correct / count:.6f} ({correct}/{count} test examples), "
              f"test loss {loss:.6f}", flush=True)
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
)py";
}  // namespace

std::string pytorch_train_text(const std::string& settings) {
    return R"py("""Trains the exported network as the DiveLab experiment did (D2L style). One process:
    python3 train.py [--epochs N] [--limit N]
Several processes (DistributedDataParallel over gloo; a cluster with torchrun's --nnodes/--rdzv options):
    torchrun --standalone --nproc_per_node 2 train.py --epochs 1
(Debian's torchrun of torch 1.13 under Python 3.11 fails to read its own default "--redirects 0": add
"--redirects 1 --tee 1" there.)
Rank 0 saves checkpoint.safetensors with DiveLab's tensor names; DiveLab opens it as a model."""
import argparse
import gzip
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.nn import functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

from model import Net, load_weights, save_weights

)py" + settings +
           kTrainBody;
}

std::string pytorch_readme_text(const std::string& name) {
    return "# " + name + R"md( — exported from DiveLab

- `model.py`: the network as `nn.Module`s; attribute names are the node ids of DiveLab's editor, so
  `state_dict()` names match DiveLab's model files.
- `weights.safetensors` (and `weights.json`): the weights at export time; `model.load_weights(net, path)`
  reads them with `safetensors_io.py` (NumPy only).
- `train.py`: the experiment's data, optimizer, learning rate, schedule, clipping, seed and epochs.

```
python3 train.py --epochs 1 --limit 2000
torchrun --standalone --nproc_per_node 2 train.py --epochs 1 --limit 2000
divelab-cli evaluate --model-file checkpoint.safetensors --dataset fashion-mnist
```

`checkpoint.safetensors` carries DiveLab's architecture in its metadata, so DiveLab opens it as a model.
Debian's torchrun (torch 1.13 on Python 3.11) cannot parse its own default `--redirects 0`; add
`--redirects 1 --tee 1` to the torchrun command there.
)md";
}

}  // namespace dl
