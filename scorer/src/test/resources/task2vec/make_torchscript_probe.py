"""Writes features_mlp.pt, the tiny user-supplied TorchScript probe of TorchScriptProbeTest.

Regenerate with Debian's python3-torch 1.13 (apt-get install python3-torch):
    /usr/bin/python3 make_torchscript_probe.py
Input float32 [1, 18] (standardised features), output logits [1, 2].
"""
import torch


class FeaturesMlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.dense1 = torch.nn.Linear(18, 8)
        self.dense2 = torch.nn.Linear(8, 4)
        self.head = torch.nn.Linear(4, 2)

    def forward(self, x):
        return self.head(torch.tanh(self.dense2(torch.tanh(self.dense1(x)))))


torch.manual_seed(7)
torch.jit.script(FeaturesMlp()).save("features_mlp.pt")
