#!/usr/bin/python3
"""PyTorch timing of the resnet18-cpu preset (48×48 images, half of ResNet-18's channels), built from
../shared/bench/torch_ref.py's Residual block and timed the same way, for the ratio against
`divelab-cli bench --model resnet18-cpu --resize 48`:

    /usr/bin/python3 scripts/torch_resnet18_cpu.py --limit 5120 --epochs 3
"""
import argparse, os, sys, time, statistics
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'bench'))
import torch
from torch import nn
import torch_ref


def resnet18_cpu():
    def stage(cin, cout, n, first=False):
        return [torch_ref.Residual(cin, cout, use_1x1=True, stride=2) if i == 0 and not first
                else torch_ref.Residual(cout, cout) for i in range(n)]
    return nn.Sequential(
        nn.Conv2d(1, 32, 7, stride=2, padding=3), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(3, 2, 1),
        *stage(32, 32, 2, True), *stage(32, 64, 2), *stage(64, 128, 2), *stage(128, 256, 2),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(256, 10))


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--limit', type=int, default=60000)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    Xtr, ytr, _, _ = torch_ref.data(a.limit)
    torch.manual_seed(0)
    net = resnet18_cpu()
    net.apply(torch_ref.init)
    opt = torch.optim.SGD(net.parameters(), lr=0.05)
    loss = nn.CrossEntropyLoss()
    times = []
    for _ in range(a.epochs):
        net.train()
        t0 = time.perf_counter()
        perm = torch.randperm(len(Xtr))
        for i in range(0, len(Xtr), 256):
            idx = perm[i:i + 256]
            X = nn.functional.interpolate(Xtr[idx], size=48, mode='bilinear', align_corners=False)
            l = loss(net(X), ytr[idx])
            opt.zero_grad(); l.backward(); opt.step()
        times.append(time.perf_counter() - t0)
    print('resnet18-cpu sec_per_epoch %.3f train_examples %d threads %d' % (statistics.median(times), len(Xtr), a.threads))
