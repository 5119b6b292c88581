namespace ContainerPS.Runtime.Cgroups;

// TEMP cgroups: a stand-in for src/ContainerPS.Runtime/Cgroups (another helper's), with the contract's API; the lead
// drops this folder when the real implementation lands.
public enum CgroupVersion { V1, V2 }
