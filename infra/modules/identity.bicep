metadata description = 'User-assigned managed identity of the app with the data-plane roles durable mode needs and AcrPull; the same storage roles for the deploying user when a principal id is given.'

import { tagSet } from 'types.bicep'

@description('Azure region of the identity.')
param location string

@description('Tags put on the identity.')
param tags tagSet

@description('Name of the user-assigned identity.')
param name string

@description('Name of the storage account the app uses.')
param storageAccountName string

@description('Name of the container registry the app pulls from.')
param registryName string

@description('Object id of the deploying user or principal (AZURE_PRINCIPAL_ID); empty to grant nothing to it.')
param principalId string

@description('Kind of the deploying principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string

@description('Built-in role definition ids (stable across tenants).')
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

@description('Storage roles: tables for clustering, grain state and reminders; blobs for blob grain state; queues, which the service no longer writes (progress travels on in-cluster streams), kept while Storage:QueueServiceUri is still a setting.')
var storageRoles = [
  roles.storageTableDataContributor
  roles.storageBlobDataContributor
  roles.storageQueueDataContributor
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource appStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource appAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, roles.acrPull)
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource userStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in (empty(principalId) ? [] : storageRoles): {
    name: guid(storage.id, principalId, role)
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

@description('Resource id of the identity.')
output id string = identity.id

@description('Client id of the identity; the app passes it to DefaultAzureCredential as AZURE_CLIENT_ID.')
output clientId string = identity.properties.clientId

@description('Principal (object) id of the identity.')
output principalId string = identity.properties.principalId
