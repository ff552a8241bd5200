"""What to write instead, for the names of PyTorch's nn.Module that Module lacks.

`Module.__getattr__` adds the advice to its AttributeError.
"""

_NO_GPU = ("there is no GPU here: autograd computes with numpy on the CPU, where every module "
           "already is; drop the call")
_DTYPE = ("modules compute in float32 or float64 only: use module.float() or module.double() "
          "(module.to(autograd.float64))")
_NO_HOOKS = ("modules have no hooks here: call the submodules yourself in forward, or use "
             "autograd.grad for gradients")

# PyTorch's nn.Module attribute -> what to write here (Module.__getattr__ says it).
MODULE_ADVICE = {
    "cuda": _NO_GPU, "xpu": _NO_GPU, "ipu": _NO_GPU, "mtia": _NO_GPU,
    "to_empty": _NO_GPU,
    "half": _DTYPE, "bfloat16": _DTYPE, "type": _DTYPE,
    "register_forward_hook": _NO_HOOKS, "register_forward_pre_hook": _NO_HOOKS,
    "register_backward_hook": _NO_HOOKS, "register_full_backward_hook": _NO_HOOKS,
    "register_full_backward_pre_hook": _NO_HOOKS,
    "register_state_dict_pre_hook": _NO_HOOKS, "register_state_dict_post_hook": _NO_HOOKS,
    "register_load_state_dict_pre_hook": _NO_HOOKS,
    "register_load_state_dict_post_hook": _NO_HOOKS,
    "compile": "there is no compiler for modules; call the module as it is",
    "share_memory": "modules live in one process here; pass state_dict() arrays instead",
    "set_submodule": "assign the child as an attribute of its parent module",
    "get_extra_state": "state_dict() holds parameters and buffers only; register other state "
                       "as a buffer (self.register_buffer(name, tensor))",
    "set_extra_state": "state_dict() holds parameters and buffers only; register other state "
                       "as a buffer (self.register_buffer(name, tensor))",
    "call_super_init": "subclasses call super().__init__() themselves",
    "dump_patches": "there is no state_dict versioning here",
    "T_destination": "state_dict() returns an OrderedDict of numpy arrays",
}
