"""Embedding: a table of learned vectors, one row per index (words, characters, classes)."""
import numpy as np

from autograd import Tensor, no_grad

from .. import functional as F
from ..arguments import described, flag, float_dtype, generator, positive_int
from ..functional.sparse import padding_index
from ..module import Module, Parameter


class Embedding(Module):
    """out[..., :] = weight[input[...], :] (F.embedding) for int64 indices in
    [0, num_embeddings).

    `weight` has shape (num_embeddings, embedding_dim), drawn from N(0, 1) as PyTorch's (from
    `rng` or a Generator seeded with `seed`, as Linear), in `dtype` (float32 by default); the
    `padding_idx` row starts at zero and gets no gradient. `max_norm` and `norm_type` renormalize
    the rows looked up (see F.embedding). scale_grad_by_freq=True and sparse=True are refused.
    """

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None,
                 norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None,
                 _freeze=False, *, rng=None, seed=None, dtype=None):
        super().__init__()
        self.num_embeddings = positive_int(num_embeddings, "num_embeddings", "Embedding")
        self.embedding_dim = positive_int(embedding_dim, "embedding_dim", "Embedding")
        self.padding_idx = padding_index(padding_idx, self.num_embeddings, "Embedding")
        self.max_norm, self.norm_type = max_norm, norm_type
        if flag(scale_grad_by_freq, "scale_grad_by_freq", "Embedding") or flag(
                sparse, "sparse", "Embedding"):
            raise NotImplementedError("Embedding: scale_grad_by_freq=True and sparse=True are "
                                      "not supported (gradients here are dense numpy arrays)")
        shape = (self.num_embeddings, self.embedding_dim)
        if _weight is None:
            self.weight = Parameter(generator(rng, seed, "Embedding").standard_normal(shape),
                                    dtype=float_dtype(dtype, "Embedding"))
            if self.padding_idx is not None:
                with no_grad():
                    self.weight.data[self.padding_idx] = 0
        else:
            weight = _weight.data if isinstance(_weight, Tensor) else np.asarray(_weight)
            if weight.shape != shape:
                raise ValueError(f"Embedding: _weight must have shape {shape} "
                                 f"(num_embeddings, embedding_dim); got {weight.shape}")
            self.weight = Parameter(weight.copy(),
                                    dtype=float_dtype(dtype or weight.dtype, "Embedding"))
        self.weight.requires_grad_(not flag(_freeze, "_freeze", "Embedding"))

    @classmethod
    def from_pretrained(cls, embeddings, freeze=True, padding_idx=None, max_norm=None,
                        norm_type=2.0, scale_grad_by_freq=False, sparse=False):
        """An Embedding whose weight is a copy of `embeddings` (2-d: one row per index);
        `freeze=True` (the default) keeps it fixed (weight.requires_grad is False)."""
        array = embeddings.data if isinstance(embeddings, Tensor) else np.asarray(embeddings)
        if array.ndim != 2:
            raise ValueError(f"Embedding.from_pretrained: embeddings must be 2-d "
                             f"(num_embeddings, embedding_dim); got {described(embeddings)}")
        return cls(*array.shape, padding_idx=padding_idx, max_norm=max_norm,
                   norm_type=norm_type, scale_grad_by_freq=scale_grad_by_freq, sparse=sparse,
                   _weight=array, _freeze=freeze)

    def forward(self, input):
        return F.embedding(input, self.weight, self.padding_idx, self.max_norm,
                           self.norm_type)

    def extra_repr(self):
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx}"
        if self.max_norm is not None:
            text += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            text += f", norm_type={self.norm_type}"
        return text
